using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>Inputs the reference table does not cover: silence, too little speech, bad lengths, NaN/Inf.</summary>
public class StoiEdgeCaseTests
{
    [Fact]
    public void AllSilentPairGivesZeroStoiAndNearZeroEstoi()
    {
        var silent = new double[16000 * 2];
        double stoi = Stoi.Compute(silent, silent, 16000, out string? warning);
        double estoi = Estoi.Compute(silent, silent, 16000);

        // pystoi keeps every frame (all equally loud) and the eps guards turn 0/0 into a correlation of 0; ESTOI's
        // dither makes the normalised segments independent noise, whose mean correlation is ~0.
        Assert.Null(warning);
        Assert.Equal(0.0, stoi);
        Assert.InRange(estoi, -0.05, 0.05);
    }

    [Fact]
    public void SilentProcessedSignalAgainstSpeechGivesZeroStoi()
    {
        double[] clean = TestSignals.SpeechLike(16000, 2);
        var silent = new double[clean.Length];
        Assert.Equal(0.0, Stoi.Compute(clean, silent, 16000));
        Assert.InRange(Estoi.Compute(clean, silent, 16000), -0.05, 0.05);
    }

    [Fact]
    public void EstoiIsReproducible()
    {
        double[] clean = TestSignals.SpeechLike(16000, 2);
        double[] noise = TestSignals.WhiteNoise(clean.Length, 0.05, 7);
        double[] noisy = clean.Zip(noise, (a, b) => a + b).ToArray();
        Assert.Equal(Estoi.Compute(clean, noisy, 16000), Estoi.Compute(clean, noisy, 16000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]      // shorter than one 256-sample frame at 10 kHz
    [InlineData(3200)]     // 0.2 s: 14 frames after resampling, fewer than the 30 a segment needs
    public void TooShortInputGivesTheReferencesTinyValueWithAWarning(int samples)
    {
        double[] clean = TestSignals.SpeechLike(16000, 1).AsSpan(0, samples).ToArray();
        double[] processed = clean.Select(v => v * 0.5).ToArray();
        double stoi = Stoi.Compute(clean, processed, 16000, out string? stoiWarning);
        double estoi = Estoi.Compute(clean, processed, 16000, out string? estoiWarning);
        Assert.Equal(1e-5, stoi);
        Assert.Equal(1e-5, estoi);
        Assert.Contains("30", stoiWarning);
        Assert.NotNull(estoiWarning);
    }

    [Fact]
    public void JustEnoughSpeechHasNoWarning()
    {
        double[] clean = TestSignals.SpeechLike(16000, 1);
        Stoi.Compute(clean, clean, 16000, out string? warning);
        Assert.Null(warning);
    }

    [Fact]
    public void DifferentLengthsAreAClearError()
    {
        double[] clean = TestSignals.SpeechLike(16000, 1);
        double[] processed = clean.AsSpan(0, 15000).ToArray();
        var ex = Assert.Throws<SignalLengthMismatchException>(() => Stoi.Compute(clean, processed, 16000));
        Assert.IsAssignableFrom<ArgumentException>(ex);
        Assert.Contains("16000", ex.Message);
        Assert.Contains("15000", ex.Message);
        Assert.Throws<SignalLengthMismatchException>(() => Estoi.Compute(clean, processed, 16000));
        Assert.Throws<SignalLengthMismatchException>(() => SiSdr.Compute(clean, processed));
    }

    [Fact]
    public void FacadeTrimsToTheShorterSignalWhenAsked()
    {
        float[] clean = TestSignals.SpeechLike(16000, 2).Select(v => (float)v).ToArray();
        float[] longer = [.. clean, .. new float[4000]];
        Assert.Throws<SignalLengthMismatchException>(() => SpeechMetrics.Compute(clean, longer, 16000));
        SpeechMetricsResult trimmed = SpeechMetrics.Compute(clean, longer, 16000, trimToShorter: true);
        Assert.Equal(1.0, trimmed.Stoi, 9);
        Assert.Equal(1.0, trimmed.Estoi, 9);
        Assert.Equal(SiSdr.CapDb, trimmed.SiSdrDb);
        Assert.Null(trimmed.Warning);
    }

    [Theory]
    [InlineData("processed", 1234, double.NaN)]
    [InlineData("clean", 77, double.PositiveInfinity)]
    [InlineData("processed", 0, double.NegativeInfinity)]
    public void NonFiniteSamplesAreAClearErrorNamingTheIndex(string signal, int index, double value)
    {
        double[] clean = TestSignals.SpeechLike(16000, 1);
        double[] processed = (double[])clean.Clone();
        (signal == "clean" ? clean : processed)[index] = value;
        foreach (Action compute in new Action[]
        {
            () => Stoi.Compute(clean, processed, 16000),
            () => Estoi.Compute(clean, processed, 16000),
            () => SiSdr.Compute(clean, processed),
            () => SpeechMetrics.Compute(clean.Select(v => (float)v).ToArray(), processed.Select(v => (float)v).ToArray(), 16000),
        })
        {
            var ex = Assert.Throws<NonFiniteSampleException>(compute);
            Assert.Equal(signal, ex.Signal);
            Assert.Equal(index, ex.Index);
            Assert.Contains($"index {index}", ex.Message);
            Assert.StartsWith(signal, ex.Message);
        }
    }

    [Fact]
    public void NoisierIsLessIntelligible()
    {
        double[] clean = TestSignals.SpeechLike(16000, 3);
        double[] noise = TestSignals.WhiteNoise(clean.Length, 1, 3);
        double cleanRms = Math.Sqrt(TestSignals.Energy(clean) / clean.Length);
        double Score(double snrDb)
        {
            double g = cleanRms / Math.Sqrt(1.0 / 3) * Math.Pow(10, -snrDb / 20);
            double[] noisy = clean.Select((v, i) => v + (g * noise[i])).ToArray();
            return Stoi.Compute(clean, noisy, 16000);
        }

        double s10 = Score(10), s0 = Score(0), sMinus10 = Score(-10);
        Assert.True(s10 > s0 && s0 > sMinus10, $"STOI not monotonic in SNR: {s10} {s0} {sMinus10}");
    }
}
