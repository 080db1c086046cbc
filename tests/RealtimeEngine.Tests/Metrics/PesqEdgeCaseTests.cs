using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Pesq;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>PESQ on inputs the reference table does not cover: the ceiling, level invariance, and unscorable inputs.</summary>
public class PesqEdgeCaseTests
{
    private const double CeilingNarrowBand = 4.5486;
    private const double CeilingWideBand = 4.6439;

    private static float[] Clean16k() => PesqReferenceData.Fixtures.ReadMono("../stoi/c3_clean.wav", out _);

    private static float[] Noisy16k() => PesqReferenceData.Fixtures.ReadMono("../stoi/c3_white-5dB.wav", out _);

    [Fact]
    public void IdenticalPairsScoreTheCeiling()
    {
        float[] clean = Clean16k();
        float[] clean8k = PesqReferenceData.Fixtures.ReadMono("c0_clean_8k.wav", out _);
        Assert.Equal(CeilingNarrowBand, Pesq.Compute(clean, clean, 16000, PesqMode.NarrowBand), 0.02);
        Assert.Equal(CeilingWideBand, Pesq.Compute(clean, clean, 16000, PesqMode.WideBand), 0.02);
        Assert.Equal(CeilingNarrowBand, Pesq.Compute(clean8k, clean8k, 8000, PesqMode.NarrowBand), 0.02);
    }

    [Theory]
    [InlineData(PesqMode.NarrowBand)]
    [InlineData(PesqMode.WideBand)]
    public void ScalingEitherSignalLeavesTheScore(PesqMode mode)
    {
        float[] clean = Clean16k();
        float[] noisy = Noisy16k();
        double baseline = Pesq.Compute(clean, noisy, 16000, mode);
        float[] quieterNoisy = noisy.Select(v => v * 0.1f).ToArray();
        float[] quieterClean = clean.Select(v => v * 0.1f).ToArray();
        Assert.Equal(baseline, Pesq.Compute(clean, quieterNoisy, 16000, mode), 0.001);
        Assert.Equal(baseline, Pesq.Compute(quieterClean, noisy, 16000, mode), 0.001);
        double ceiling = mode == PesqMode.NarrowBand ? CeilingNarrowBand : CeilingWideBand;
        Assert.Equal(ceiling, Pesq.Compute(clean, clean.Select(v => v * 0.1f).ToArray(), 16000, mode), 0.02);
    }

    [Fact]
    public void VeryQuietDegradedIsLevelAligned()
    {
        // The reference code keeps the measured power in single precision, which underflows this far down.
        float[] clean = Clean16k();
        float[] whisper = clean.Select(v => v * 1e-20f).ToArray();
        Assert.Equal(CeilingNarrowBand, Pesq.Compute(clean, whisper, 16000, PesqMode.NarrowBand), 0.02);
    }

    [Fact]
    public void DegradedLongerOrShorterThanTheReferenceIsScored()
    {
        float[] clean = Clean16k();
        float[] longer = [.. clean, .. new float[8000]];
        float[] shorter = clean[..(clean.Length - 4000)];
        Assert.InRange(Pesq.Compute(clean, longer, 16000, PesqMode.NarrowBand), 4.0, 4.6);
        Assert.InRange(Pesq.Compute(clean, shorter, 16000, PesqMode.NarrowBand), 1.0, 4.6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TooShortSignalIsRejected(bool shortReference)
    {
        float[] clean = Clean16k();
        float[] fifth = clean[..3200];
        var e = Assert.Throws<PesqInputException>(() =>
            Pesq.Compute(shortReference ? fifth : clean, shortReference ? clean : fifth, 16000, PesqMode.NarrowBand));
        Assert.Contains(shortReference ? "reference" : "degraded", e.Message, StringComparison.Ordinal);
        Assert.Contains("shorter than 0.25 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("4000 samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SilentReferenceIsRejected()
    {
        float[] noisy = Noisy16k();
        var e = Assert.Throws<PesqInputException>(() => Pesq.Compute(new float[noisy.Length], noisy, 16000, PesqMode.WideBand));
        Assert.Contains("reference contains no speech (silent)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SilentDegradedIsRejected()
    {
        float[] clean = Clean16k();
        var e = Assert.Throws<PesqInputException>(() => Pesq.Compute(clean, new float[clean.Length], 16000, PesqMode.NarrowBand));
        Assert.Contains("degraded signal is silent", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceWithoutAnUtteranceIsRejected()
    {
        // One 0.1 s burst: speech runs shorter than 0.2 s are not utterances, so nothing can be aligned.
        var reference = new float[16000];
        var random = new Random(3);
        for (int i = 8000; i < 9600; i++)
        {
            reference[i] = (float)((random.NextDouble() - 0.5) * 0.5);
        }

        var e = Assert.Throws<PesqInputException>(() => Pesq.Compute(reference, reference, 16000, PesqMode.NarrowBand));
        Assert.Contains("no utterances detected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WideBandAt8kIsRejected()
    {
        float[] clean8k = PesqReferenceData.Fixtures.ReadMono("c0_clean_8k.wav", out _);
        var e = Assert.Throws<PesqInputException>(() => Pesq.Compute(clean8k, clean8k, 8000, PesqMode.WideBand));
        Assert.Equal("wide-band PESQ is defined at 16000 Hz only; got 8000", e.Message);
    }

    [Theory]
    [InlineData(44100, PesqMode.NarrowBand)]
    [InlineData(48000, PesqMode.WideBand)]
    public void UnsupportedRateIsRejected(int rate, PesqMode mode)
    {
        var signal = new float[rate];
        var e = Assert.Throws<PesqInputException>(() => Pesq.Compute(signal, signal, rate, mode));
        Assert.Equal($"sample rate {rate} Hz: PESQ runs at 8000 or 16000 Hz", e.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteSampleIsRejected(float bad)
    {
        float[] clean = Clean16k();
        float[] degraded = (float[])clean.Clone();
        degraded[1234] = bad;
        var e = Assert.Throws<NonFiniteSampleException>(() => Pesq.Compute(clean, degraded, 16000, PesqMode.NarrowBand));
        Assert.Equal("degraded", e.Signal);
        Assert.Equal(1234, e.Index);
    }
}
