using RtDenoise.Engine.Chain;

namespace RtDenoise.Engine.Tests.Chain;

public sealed class BuiltinProcessorTests
{
    private const int Rate = 16000;

    [Theory]
    [InlineData(80.0, 20.0, -20.0)]     // two octaves below: 12 dB/oct Butterworth → ≈ −24 dB
    [InlineData(200.0, 50.0, -20.0)]
    public void HighpassAttenuatesBelowCutoff(double cutoff, double probeHz, double maxDb)
    {
        using var hp = new HighpassProcessor((float)cutoff);
        hp.Configure(Rate, 512);
        float[] x = TestSignals.Sine(probeHz, Rate, Rate * 2);
        float[] y = (float[])x.Clone();
        hp.Process(y);
        double db = TestSignals.Db(TestSignals.Rms(y.AsSpan(Rate)) / TestSignals.Rms(x.AsSpan(Rate)));
        Assert.True(db < maxDb, $"{probeHz} Hz through highpass:{cutoff}: {db:F1} dB, expected < {maxDb} dB");
    }

    [Fact]
    public void HighpassIsButterworthAtCutoffAndFlatAbove()
    {
        using var hp = new HighpassProcessor(500f);
        hp.Configure(Rate, 4096);
        float[] atCut = TestSignals.Sine(500, Rate, Rate * 2);
        float[] above = TestSignals.Sine(4000, Rate, Rate * 2);
        float[] a = (float[])atCut.Clone();
        hp.Process(a);
        hp.Reset();
        float[] b = (float[])above.Clone();
        hp.Process(b);
        double dbCut = TestSignals.Db(TestSignals.Rms(a.AsSpan(Rate)) / TestSignals.Rms(atCut.AsSpan(Rate)));
        double dbAbove = TestSignals.Db(TestSignals.Rms(b.AsSpan(Rate)) / TestSignals.Rms(above.AsSpan(Rate)));
        Assert.InRange(dbCut, -3.2, -2.8); // |H(fc)| = 1/√2 for Q = 1/√2
        Assert.InRange(dbAbove, -0.1, 0.1);
    }

    [Fact]
    public void GainScalesExactly()
    {
        using var g = new GainProcessor(-6f);
        g.Configure(Rate, 64);
        float[] x = TestSignals.WhiteNoise(1000, 0.5f, 1);
        float[] y = (float[])x.Clone();
        g.Process(y);
        float k = MathF.Pow(10f, -6f / 20f);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] * k, y[i], 6);
        }
    }

    [Fact]
    public void LimiterNeverExceedsCeilingAndPassesQuietSignals()
    {
        using var lim = new PeakLimiterProcessor(-6f);
        lim.Configure(Rate, 256);
        float ceiling = MathF.Pow(10f, -6f / 20f);
        float[] loud = TestSignals.WhiteNoise(Rate, 1f, 2);
        lim.Process(loud);
        Assert.All(loud, v => Assert.True(MathF.Abs(v) <= ceiling * 1.000001f, $"{v} exceeds {ceiling}"));
        Assert.Equal(0, lim.LatencySamples);

        lim.Reset();
        float[] quiet = TestSignals.Sine(440, Rate, Rate, 0.1f);
        float[] q = (float[])quiet.Clone();
        lim.Process(q);
        Assert.Equal(quiet, q);
    }

    [Fact]
    public void RejectsOutOfRangeSettingsWithTheValueInTheMessage()
    {
        Assert.Contains("-3", Assert.Throws<InvalidChainSpecException>(() => new HighpassProcessor(-3f)).Message, StringComparison.Ordinal);
        Assert.Contains("3", Assert.Throws<InvalidChainSpecException>(() => new PeakLimiterProcessor(3f)).Message, StringComparison.Ordinal);
        using var hp = new HighpassProcessor(9000f);
        Assert.Contains("Nyquist", Assert.Throws<InvalidChainSpecException>(() => hp.Configure(Rate, 64)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersAreNamedAndClamped()
    {
        using var lim = new PeakLimiterProcessor(-1f);
        lim.Configure(Rate, 64);
        Assert.Equal(["ceiling_db", "release_ms"], lim.Parameters.Select(p => p.Name));
        lim.SetParameter("ceiling_db", 12f);
        Assert.Equal(0f, lim.GetParameter("ceiling_db"));
        Assert.Throws<KeyNotFoundException>(() => lim.GetParameter("nope"));
    }
}
