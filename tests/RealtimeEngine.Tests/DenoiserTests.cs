using RtDenoise.Engine.Tests.Stft;

namespace RtDenoise.Engine.Tests;

public sealed class DenoiserTests
{
    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Bypass_returns_the_band_limited_input_delayed_by_LatencySamples(int rate)
    {
        using Denoiser d = DenoiserFactory.Create("bypass", null, rate);
        int n = rate * 2;
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            // 300 Hz + 1.7 kHz: inside every rate's passband and the 16 kHz model band.
            x[i] = (float)((0.4 * Math.Sin(2 * Math.PI * 300 * i / rate)) + (0.2 * Math.Sin(2 * Math.PI * 1700 * i / rate)));
        }

        var y = new float[n];
        var rng = new Random(rate);
        for (int pos = 0; pos < n;)
        {
            int len = Math.Min(rng.Next(1, 2000), n - pos);
            d.Process(x.AsSpan(pos, len), y.AsSpan(pos, len));
            pos += len;
        }

        // Exact at the model rate; with resampling, only the filters' pass-band ripple remains.
        double tol = rate == 16000 ? 1e-5 : 2e-3;
        int lat = d.LatencySamples;
        Assert.Equal(d.LatencySeconds * rate, lat, 6);
        double maxErr = 0;
        for (int i = lat + rate / 10; i < n; i++)
        {
            maxErr = Math.Max(maxErr, Math.Abs(y[i] - x[i - lat]));
        }

        Assert.True(maxErr <= tol, $"rate {rate}: max error {maxErr:E3} (tol {tol:E3}), latency {lat}");
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    [InlineData(44100)]
    public void Zero_bytes_allocated_per_call_after_construction(int rate)
    {
        using Denoiser d = DenoiserFactory.Create("classic", null, rate);
        var rng = new Random(5);
        float[] x = StreamingStftTests.Noise(rng, 4096);
        var y = new float[4096];
        int[] sizes = Enumerable.Range(0, 10000).Select(_ => rng.Next(1, 4097)).ToArray();
        // Warm-up pass over the same block sizes: one-time runtime work (type initialisers, tier-up of every code
        // path the sizes reach) may allocate once; what must be zero is the steady state, measured on later passes.
        long allocated = TestSignals.AllocatedBytes(
            i => d.Process(x.AsSpan(0, sizes[i]), y.AsSpan(0, sizes[i])), warmup: sizes.Length, calls: sizes.Length);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Classic_processor_reduces_stationary_noise_and_keeps_a_tone()
    {
        const int rate = 16000;
        using Denoiser d = DenoiserFactory.Create("classic", null, rate);
        var rng = new Random(9);
        int n = rate * 6;
        var noise = new float[n];
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            noise[i] = (float)(((rng.NextDouble() * 2) - 1) * 0.05);
            // Speech-like bursts: 300 ms on / 300 ms off from second 3 (minimum statistics needs pauses).
            bool on = i > 3 * rate && (i / (3 * rate / 10)) % 2 == 0;
            double tone = on ? 0.3 * Math.Sin(2 * Math.PI * 500 * i / rate) : 0;
            x[i] = (float)(noise[i] + tone);
        }

        var y = new float[n];
        d.Process(x, y);

        // Noise-only second 2..3: output energy well below input; a burst (output aligned by the latency): tone kept (within 2 dB).
        int lat = d.LatencySamples;
        int burst = 24 * rate / 5; // 4.8 s = 16 × 0.3 s: the start of an on-burst
        double inNoise = Rms(x, 2 * rate, 3 * rate), outNoise = Rms(y, 2 * rate, 3 * rate);
        double inTone = Rms(x, burst + 800, burst + 4000), outTone = Rms(y, burst + 800 + lat, burst + 4000 + lat);
        Assert.True(outNoise < inNoise * 0.5, $"noise {inNoise:F4} → {outNoise:F4}");
        Assert.True(Math.Abs(20 * Math.Log10(outTone / inTone)) < 2, $"tone {inTone:F4} → {outTone:F4}");
    }

    [Fact]
    public void Unknown_processor_is_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => DenoiserFactory.Create("magic", null, 16000));
        Assert.Contains("magic", ex.Message);
    }

    private static double Rms(float[] x, int from, int to)
    {
        double s = 0;
        for (int i = from; i < to; i++)
        {
            s += (double)x[i] * x[i];
        }

        return Math.Sqrt(s / (to - from));
    }
}
