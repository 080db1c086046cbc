using RtDenoise.Engine.Processing;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Tests.Stft;

public sealed class StreamingStftTests
{
    public static TheoryData<int, int, int> Layouts => new()
    {
        { 256, 128, 256 },  // N/H = 2
        { 256, 64, 256 },   // N/H = 4
        { 320, 160, 512 },  // zero-padded FFT, N/H = 2
        { 320, 80, 512 },   // zero-padded FFT, N/H = 4
        { 512, 128, 1024 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Unit_gain_output_is_input_delayed_by_latency(int n, int h, int fft)
    {
        var stft = new StreamingStft(new StftLayout(n, h, fft, 16000), new BypassProcessor());
        Assert.Equal(n - 1, stft.LatencySamples);
        var rng = new Random(n + h);
        float[] x = Noise(rng, 20000);
        float[] y = RunInRandomBlocks(stft, x, rng, maxBlock: 700);
        AssertDelayed(x, y, stft.LatencySamples);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(37)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(480)]
    [InlineData(1000)]
    [InlineData(4096)]
    public void Perfect_reconstruction_for_fixed_block_sizes(int block)
    {
        foreach ((int n, int h) in new[] { (256, 128), (256, 64) })
        {
            var stft = new StreamingStft(new StftLayout(n, h, 256, 16000), new BypassProcessor());
            float[] x = Noise(new Random(block), Math.Max(3 * 4096, 6 * n));
            var y = new float[x.Length];
            for (int pos = 0; pos < x.Length; pos += block)
            {
                int len = Math.Min(block, x.Length - pos);
                stft.Process(x.AsSpan(pos, len), y.AsSpan(pos, len));
            }

            AssertDelayed(x, y, stft.LatencySamples);
        }
    }

    [Fact]
    public void Perfect_reconstruction_for_every_block_size_1_to_4096()
    {
        // Each block size is exercised inside one long stream (so the hop phase drifts through every offset).
        var stft = new StreamingStft(new StftLayout(256, 64, 256, 16000), new BypassProcessor());
        var input = new List<float>();
        var output = new List<float>();
        var rng = new Random(7);
        for (int block = 1; block <= 4096; block += block < 300 ? 1 : 37)
        {
            float[] x = Noise(rng, block);
            var y = new float[block];
            stft.Process(x, y);
            input.AddRange(x);
            output.AddRange(y);
        }

        AssertDelayed(input.ToArray(), output.ToArray(), stft.LatencySamples);
    }

    [Fact]
    public void Gains_are_applied_to_the_spectrum()
    {
        var stft = new StreamingStft(new StftLayout(256, 128, 256, 16000), new ConstantGain(0.25f));
        float[] x = Noise(new Random(3), 8000);
        var y = new float[x.Length];
        stft.Process(x, y);
        for (int i = 1000; i < x.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - (0.25f * x[i - stft.LatencySamples])) <= 1e-5f);
        }
    }

    [Fact]
    public void Zero_bytes_allocated_over_10000_random_blocks()
    {
        var stft = new StreamingStft(new StftLayout(256, 128, 256, 16000), new ClassicWienerProcessor());
        var rng = new Random(11);
        float[] x = Noise(rng, 4096);
        var y = new float[4096];
        int[] sizes = Enumerable.Range(0, 10000).Select(_ => rng.Next(1, 4097)).ToArray();
        // Warm-up pass over the same sizes (one-time runtime work may allocate once), then the least of three passes.
        long allocated = TestSignals.AllocatedBytes(
            i => stft.Process(x.AsSpan(0, sizes[i]), y.AsSpan(0, sizes[i])), warmup: sizes.Length, calls: sizes.Length);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Rejects_invalid_layouts_and_mismatched_buffers()
    {
        Assert.Throws<ArgumentException>(() => new StreamingStft(new StftLayout(256, 100, 256, 16000), new BypassProcessor()));
        Assert.Throws<ArgumentException>(() => new StreamingStft(new StftLayout(512, 256, 256, 16000), new BypassProcessor()));
        Assert.Throws<ArgumentException>(() => new StreamingStft(new StftLayout(256, 128, 300, 16000), new BypassProcessor()));
        var stft = new StreamingStft(new StftLayout(256, 128, 256, 16000), new BypassProcessor());
        Assert.Throws<ArgumentException>(() => stft.Process(new float[10], new float[9]));
    }

    internal static float[] Noise(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)((rng.NextDouble() * 2) - 1) * 0.5f;
        }

        return x;
    }

    private static float[] RunInRandomBlocks(StreamingStft stft, float[] x, Random rng, int maxBlock)
    {
        var y = new float[x.Length];
        int pos = 0;
        while (pos < x.Length)
        {
            int len = Math.Min(rng.Next(1, maxBlock + 1), x.Length - pos);
            stft.Process(x.AsSpan(pos, len), y.AsSpan(pos, len));
            pos += len;
        }

        return y;
    }

    private static void AssertDelayed(float[] x, float[] y, int delay)
    {
        double maxErr = 0;
        for (int i = 0; i < y.Length; i++)
        {
            float expected = i >= delay ? x[i - delay] : 0f;
            maxErr = Math.Max(maxErr, Math.Abs(y[i] - expected));
        }

        Assert.True(maxErr <= 1e-5, $"max abs error {maxErr:E3} > 1e-5");
    }

    private sealed class ConstantGain(float g) : ISpectralProcessor
    {
        public string Name => "constant";

        public void Configure(StftLayout layout)
        {
        }

        public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains) => gains.Fill(g);

        public void Reset()
        {
        }
    }
}
