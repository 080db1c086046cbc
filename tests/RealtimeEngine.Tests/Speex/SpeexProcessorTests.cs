using RtDenoise.Engine.Speex;

namespace RtDenoise.Engine.Tests.Speex;

public sealed class SpeexProcessorTests
{
    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    [InlineData(44100)]
    public void DeclaredLatencyIsTheMeasuredDelay(int rate)
    {
        SkipIfMissing();
        using var speex = new SpeexProcessor(denoise: false);
        speex.Configure(rate, 512);
        Assert.Equal(2 * (int)Math.Round(rate / 100.0), speex.LatencySamples);
        float[] x = TestSignals.WhiteNoise(rate, 0.2f, 11);
        float[] y = TestSignals.ProcessInRandomBlocks(speex, x, 333, 12);
        Assert.Equal(speex.LatencySamples, TestSignals.BestLag(x, y, 3 * speex.LatencySamples));

        // With suppression off the preprocessor is a WOLA round trip: the delayed input comes back (16-bit rounding).
        int lag = speex.LatencySamples;
        double err = TestSignals.Rms(y.AsSpan(lag).ToArray().Select((v, i) => v - x[i]).ToArray());
        Assert.True(TestSignals.Db(err / TestSignals.Rms(x)) < -30, $"round-trip error {TestSignals.Db(err / TestSignals.Rms(x)):F1} dB");
    }

    [Fact]
    public void SuppressesStationaryNoiseByUpToTheLimit()
    {
        SkipIfMissing();
        const int rate = 16000;
        float[] noise = TestSignals.WhiteNoise(rate * 4, 0.05f, 13);
        double Attenuation(float limitDb)
        {
            using var speex = new SpeexProcessor(limitDb);
            speex.Configure(rate, 1024);
            float[] y = (float[])noise.Clone();
            speex.Process(y);
            return TestSignals.Db(TestSignals.Rms(y.AsSpan(rate * 3)) / TestSignals.Rms(noise.AsSpan(rate * 3)));
        }

        double at15 = Attenuation(-15f);
        double at30 = Attenuation(-30f);
        Assert.InRange(at15, -17, -8);   // the −15 dB ceiling, reached once the noise estimate has converged
        Assert.True(at30 < at15 - 5, $"−30 dB limit gave {at30:F1} dB vs {at15:F1} dB at −15");
    }

    [Fact]
    public void DenoiserFactoryOffersSpeexAsAProcessor()
    {
        SkipIfMissing();
        Assert.Contains("speex", DenoiserFactory.ProcessorNames);
        using Denoiser d = DenoiserFactory.Create("speex", null, 48000);
        Assert.Equal("speex", d.Name);
        Assert.False(d.HasSpectralProcessor);
        Assert.Throws<InvalidOperationException>(() => d.Processor);
        Assert.Equal(480, d.ModelLayout.Hop);
        Assert.Equal(960, d.LatencySamples);
        float[] x = TestSignals.WhiteNoise(4800, 0.1f, 14);
        var y = new float[x.Length];
        d.Process(x, y);
        // Before the declared latency only the spectral gains' pre-echo of the first frame leaks out (a few LSBs).
        double before = TestSignals.Rms(y.AsSpan(0, 960)), after = TestSignals.Rms(y.AsSpan(960));
        Assert.True(before < after / 100, $"RMS {before:E2} before the latency vs {after:E2} after");
    }

    [Fact]
    public void ResetForgetsTheSignal()
    {
        SkipIfMissing();
        using var speex = new SpeexProcessor();
        speex.Configure(16000, 256);
        float[] x = TestSignals.WhiteNoise(16000, 0.2f, 15);
        float[] first = (float[])x.Clone();
        speex.Process(first);
        speex.Reset();
        float[] second = (float[])x.Clone();
        speex.Process(second);
        Assert.Equal(first, second);
    }

    private static void SkipIfMissing()
    {
        if (!SpeexProcessor.IsAvailable)
        {
            Assert.Skip("libspeexdsp.so.1 is not installed (apt-get install libspeexdsp1)");
        }
    }
}
