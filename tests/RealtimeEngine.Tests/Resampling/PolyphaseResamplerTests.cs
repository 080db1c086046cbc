using RtDenoise.Engine.Resampling;

namespace RtDenoise.Engine.Tests.Resampling;

public sealed class PolyphaseResamplerTests
{
    [Theory]
    [InlineData(48000, 16000)]
    [InlineData(16000, 48000)]
    [InlineData(44100, 16000)]
    [InlineData(16000, 44100)]
    [InlineData(8000, 16000)]
    [InlineData(16000, 8000)]
    public void Produces_ceil_T_L_over_M_outputs_for_any_block_split(int inRate, int outRate)
    {
        var r = new PolyphaseResampler(inRate, outRate);
        var rng = new Random(inRate ^ outRate);
        var output = new float[r.MaxOutputFor(500)];
        long consumed = 0, produced = 0;
        for (int i = 0; i < 300; i++)
        {
            int n = rng.Next(1, 501);
            produced += r.Process(new float[n], output);
            consumed += n;
            long expected = ((consumed * r.InterpolationFactor) + r.DecimationFactor - 1) / r.DecimationFactor;
            Assert.Equal(expected, produced);
        }
    }

    [Theory]
    [InlineData(48000, 16000, 1000.0)]
    [InlineData(16000, 48000, 1000.0)]
    [InlineData(44100, 16000, 440.0)]
    [InlineData(16000, 44100, 3000.0)]
    [InlineData(8000, 16000, 2500.0)]
    public void Passband_sine_keeps_amplitude_and_is_delayed_by_the_declared_group_delay(int inRate, int outRate, double freq)
    {
        var r = new PolyphaseResampler(inRate, outRate);
        int n = inRate; // 1 s
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)Math.Sin(2 * Math.PI * freq * i / inRate);
        }

        var y = new float[r.MaxOutputFor(n)];
        int m = r.Process(x, y);
        double delay = r.DelayOutputSamples;
        double maxErr = 0;
        for (int k = m / 4; k < m - 10; k++)
        {
            double t = (k - delay) / outRate;
            maxErr = Math.Max(maxErr, Math.Abs(y[k] - Math.Sin(2 * Math.PI * freq * t)));
        }

        Assert.True(maxErr < 2e-3, $"max error {maxErr:E3}");
    }

    [Fact]
    public void Stopband_tone_is_rejected_when_downsampling()
    {
        var r = new PolyphaseResampler(48000, 16000);
        var x = new float[48000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)Math.Sin(2 * Math.PI * 12000 * i / 48000.0); // would alias to 4 kHz
        }

        var y = new float[r.MaxOutputFor(x.Length)];
        int m = r.Process(x, y);
        double rms = Math.Sqrt(y.AsSpan(m / 4, m / 2).ToArray().Average(v => (double)v * v));
        Assert.True(rms < 1e-3, $"aliased rms {rms:E3}");
    }

    [Fact]
    public void Process_allocates_nothing()
    {
        var r = new PolyphaseResampler(44100, 16000);
        var x = new float[441];
        var y = new float[r.MaxOutputFor(441)];
        // Steady state: let tiered compilation promote the hot path first (call counting, then a background tier-1
        // compile after a short delay); its one-time bookkeeping can allocate on this thread and is not per-call cost.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 200; i++)
            {
                r.Process(x, y);
            }

            Thread.Sleep(150);
        }

        Assert.Equal(0, TestSignals.AllocatedBytes(_ => r.Process(x, y), warmup: 0, calls: 1000));
    }
}
