using RtDenoise.Offline.Metrics;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>SI-SDR on cases with a known answer.</summary>
public class SiSdrTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(-3.0)]
    public void ScaledCopyOfTheReferenceIsCappedAt100Db(double gain)
    {
        double[] clean = TestSignals.SpeechLike(16000, 1);
        double[] processed = clean.Select(v => gain * v).ToArray();
        Assert.Equal(100.0, SiSdr.Compute(clean, processed));
    }

    [Theory]
    [InlineData(-5.0, 1.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(10.0, 1.0)]
    [InlineData(20.0, 0.3)]
    [InlineData(3.0, 4.0)]
    public void AddedNoiseOfKnownPowerGivesTheKnownRatio(double snrDb, double gain)
    {
        double[] s = TestSignals.SpeechLike(16000, 2);
        double[] n = TestSignals.WhiteNoise(s.Length, 1, 11);

        // Remove n's component along s, so the optimal scaling of s is exactly 1 and the distortion is exactly n;
        // then scale n to the wanted power: SI-SDR = 10·log10(‖s‖²/‖n‖²) = snrDb.
        double proj = s.Zip(n, (a, b) => a * b).Sum() / TestSignals.Energy(s);
        for (int i = 0; i < n.Length; i++)
        {
            n[i] -= proj * s[i];
        }

        double scale = Math.Sqrt(TestSignals.Energy(s) / TestSignals.Energy(n) * Math.Pow(10, -snrDb / 10));
        double[] processed = s.Select((v, i) => gain * (v + (scale * n[i]))).ToArray();
        Assert.Equal(snrDb, SiSdr.Compute(s, processed), 0.01);
    }

    [Fact]
    public void PlainWhiteNoiseOfKnownPowerIsCloseToTheKnownRatio()
    {
        // Without orthogonalising, the noise's chance correlation with s moves the answer by ~1/sqrt(N).
        double[] s = TestSignals.SpeechLike(16000, 10);
        double[] n = TestSignals.WhiteNoise(s.Length, 1, 5);
        double scale = Math.Sqrt(TestSignals.Energy(s) / TestSignals.Energy(n));
        double[] processed = s.Select((v, i) => v + (scale * n[i])).ToArray();
        Assert.Equal(0.0, SiSdr.Compute(s, processed), 0.05);
    }

    [Fact]
    public void SilentOutputIsTheLowerCap()
    {
        double[] clean = TestSignals.SpeechLike(16000, 1);
        Assert.Equal(-100.0, SiSdr.Compute(clean, new double[clean.Length]));
    }

    [Fact]
    public void SilentReferenceIsUndefined()
    {
        var ex = Assert.Throws<ArgumentException>(() => SiSdr.Compute(new double[100], TestSignals.WhiteNoise(100, 1, 1)));
        Assert.Contains("all zeros", ex.Message);
    }
}
