using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Processing;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Tests.Processing;

/// <summary>
/// An impulse followed by seconds of silence: every state that decays geometrically (IIR filter, recursive
/// smoother, overlap-add accumulator) must reach exact zero instead of lingering in the subnormal range, where x86
/// arithmetic takes microcode assists (.NET cannot set FTZ/DAZ, so the code flushes by hand).
/// </summary>
public sealed class DenormalFlushTests
{
    private const int Rate = 48000;

    [Fact]
    public void Highpass_ring_down_in_one_long_block_has_no_subnormal_output()
    {
        // One 10 s block: the 80 Hz biquad's poles (radius ≈ 0.9926) bring the tail below float's normal range
        // after ~12k samples, long before the block (and a per-block flush) ends.
        using var hp = new HighpassProcessor(80f);
        hp.Configure(Rate, 10 * Rate);
        float[] block = new float[10 * Rate];
        block[0] = 1f;
        hp.Process(block);
        AssertNoSubnormal(block, "highpass output");
        Assert.Equal(0f, block[^1]);
    }

    [Fact]
    public void Overlap_add_of_a_strongly_attenuated_tail_has_no_subnormal_output()
    {
        // A processor attenuating by 1e-37 (a muted band, a deep gain floor) scales a unit impulse's frames into
        // the subnormal range; the windowed overlap-add must not carry or output them.
        var stft = new StreamingStft(new StftLayout(512, 128, 512, 16000), new ConstantGain(1e-37f));
        float[] x = new float[5 * 16000];
        x[100] = 1f;
        float[] y = new float[x.Length];
        for (int pos = 0; pos < x.Length; pos += 160)
        {
            stft.Process(x.AsSpan(pos, 160), y.AsSpan(pos, 160));
        }

        AssertNoSubnormal(y, "STFT output");
    }

    [Fact]
    public void Minimum_statistics_smoother_decays_to_zero_not_to_subnormals()
    {
        const int bins = 257;
        var tracker = new MinimumStatisticsNoiseTracker(bins, 0.01);
        float[] power = new float[bins];
        power.AsSpan().Fill(1f);
        tracker.Update(power);
        power.AsSpan().Clear();
        for (int frame = 0; frame < 1000; frame++)
        {
            // 10 s of silence; α = 0.85 per frame reaches 1e-38 after ~540 frames.
            tracker.Update(power);
            AssertNoSubnormal(tracker.Smoothed, $"smoothed periodogram after {frame + 1} silent frames");
        }

        Assert.Equal(0f, tracker.Smoothed[0]);
    }

    private static void AssertNoSubnormal(ReadOnlySpan<float> values, string what)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Assert.False(float.IsSubnormal(values[i]), $"{what}[{i}] = {values[i]:E3} is subnormal");
        }
    }

    private sealed class ConstantGain(float gain) : ISpectralProcessor
    {
        public string Name => "constant-gain";

        public void Configure(StftLayout layout)
        {
        }

        public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains) => gains.Fill(gain);

        public void Reset()
        {
        }
    }
}
