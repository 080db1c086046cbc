using RtDenoise.Engine.Processing;

namespace RtDenoise.Engine.Tests.Processing;

public sealed class AttenuationLimitedDenoiserTests
{
    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    public void NoLimitIsThePlainDenoiser(int rate)
    {
        float[] x = TestSignals.WhiteNoise(rate, 0.2f, 31);
        using var plain = DenoiserFactory.Create("classic", null, rate);
        var expected = new float[x.Length];
        plain.Process(x, expected);
        using var limited = new AttenuationLimitedDenoiser(DenoiserFactory.Create("classic", null, rate));
        float[] y = (float[])x.Clone();
        limited.Process(y, y); // in place, as LADSPA hosts may do
        Assert.Equal(expected, y);
    }

    [Fact]
    public void BypassAndZeroLimitGiveTheDryInputDelayedByTheLatency()
    {
        const int rate = 48000;
        float[] x = TestSignals.WhiteNoise(rate / 2, 0.2f, 32);
        foreach (bool bypass in new[] { true, false })
        {
            using var d = new AttenuationLimitedDenoiser(DenoiserFactory.Create("classic", null, rate)) { Bypass = bypass, AttenuationLimitDb = bypass ? 100f : 0f };
            var y = new float[x.Length];
            d.Process(x, y);
            int lag = d.LatencySamples;
            Assert.Equal(x[..^lag], y[lag..]);
            Assert.Equal(new float[lag], y[..lag]);
        }
    }

    [Fact]
    public void LimitMixesDryBackIn()
    {
        const int rate = 16000;
        float[] x = TestSignals.WhiteNoise(rate, 0.2f, 33);
        using var plain = DenoiserFactory.Create("classic", null, rate);
        var wet = new float[x.Length];
        plain.Process(x, wet);
        using var d = new AttenuationLimitedDenoiser(DenoiserFactory.Create("classic", null, rate)) { AttenuationLimitDb = 6f };
        var y = new float[x.Length];
        d.Process(x, y);
        float lambda = MathF.Pow(10f, -6f / 20f);
        int lag = d.LatencySamples;
        for (int i = lag; i < x.Length; i++)
        {
            Assert.Equal(((1 - lambda) * wet[i]) + (lambda * x[i - lag]), y[i], 5);
        }
    }

    [Fact]
    public void ProcessAllocatesNothing()
    {
        using var d = new AttenuationLimitedDenoiser(DenoiserFactory.Create("classic", null, 44100)) { AttenuationLimitDb = 12f };
        float[] buffer = TestSignals.WhiteNoise(3000, 0.2f, 34);
        int[] sizes = [1, 64, 441, 1024, 3000];
        long allocated = TestSignals.AllocatedBytes(i =>
        {
            int n = sizes[i % sizes.Length];
            d.Bypass = i % 3 == 0;
            d.Process(buffer.AsSpan(0, n), buffer.AsSpan(0, n));
        });
        Assert.Equal(0L, allocated);
    }
}
