using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Processing;
using RtDenoise.Engine.Speex;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Tests.Chain;

/// <summary>
/// The denoiser processor's two controls (the plugin's ports are these parameters, no wrapper): with
/// neither set it is the plain denoiser bit for bit; bypass is the input delayed by the latency; the attenuation limit
/// is the denoiser's mask floor, the same as <c>--atten-lim</c>.
/// </summary>
public sealed class DenoiserProcessorControlTests
{
    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    public void Without_controls_it_is_the_plain_denoiser_bit_for_bit(int rate)
    {
        float[] x = TestSignals.WhiteNoise(rate, 0.2f, 31);
        using var plain = DenoiserFactory.Create("classic", null, rate);
        var expected = new float[x.Length];
        plain.Process(x, expected);
        using var p = new DenoiserProcessor("classic", r => DenoiserFactory.Create("classic", null, r));
        p.Configure(rate, 4096);
        Assert.Equal(expected, TestSignals.ProcessInRandomBlocks(p, x, 3000, seed: rate));
    }

    [Fact]
    public void Bypass_gives_the_input_delayed_by_the_latency_and_the_denoiser_keeps_running()
    {
        const int rate = 48000;
        float[] x = TestSignals.WhiteNoise(rate / 2, 0.2f, 32);
        using var p = new DenoiserProcessor(DenoiserFactory.Create("classic", null, rate)) { Bypass = true };
        float[] y = TestSignals.ProcessInRandomBlocks(p, x, 1500, seed: 1);
        int lag = p.LatencySamples;
        Assert.Equal(x[..^lag], y[lag..]);
        Assert.Equal(new float[lag], y[..lag]);

        // Switching back continues the denoised stream where an instance that never bypassed would be.
        using var never = new DenoiserProcessor(DenoiserFactory.Create("classic", null, rate));
        float[] reference = (float[])x.Clone();
        never.Process(reference);
        float[] tail = TestSignals.WhiteNoise(4096, 0.2f, 33);
        float[] a = (float[])tail.Clone(), b = (float[])tail.Clone();
        p.Bypass = false;
        p.Process(a);
        never.Process(b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void The_limit_floors_every_bin_gain_at_ten_to_the_minus_limit_over_20()
    {
        // A processor that attenuates every bin by 60 dB: with a 20 dB limit the output is the input at 0.1, delayed
        // (the STFT round trip is exact up to float rounding at the model rate).
        var stft = new StreamingStft(new StftLayout(256, 128, 256, 16000), new ConstantGain(1e-3f)) { AttenuationLimitDb = 20f };
        float[] x = TestSignals.WhiteNoise(16000, 0.3f, 34);
        var y = new float[x.Length];
        stft.Process(x, y);
        int lag = stft.LatencySamples;
        for (int i = 1024; i < x.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - (0.1f * x[i - lag])) <= 1e-5f, $"sample {i}: {y[i]} vs {0.1f * x[i - lag]}");
        }

        stft.AttenuationLimitDb = AttenuationLimit.NoneDb; // off: the processor's 60 dB again
        stft.Process(x, y);
        Assert.True(TestSignals.Rms(y.AsSpan(1024)) < 2e-3 * TestSignals.Rms(x));
    }

    [Theory]
    [InlineData("classic", 16000)]
    [InlineData("classic", 44100)]
    [InlineData("bypass", 48000)]
    public void The_parameter_is_the_factorys_limit(string processor, int rate)
    {
        float[] x = TestSignals.WhiteNoise(rate, 0.2f, 35);
        using var viaFactory = DenoiserFactory.Create(processor, null, rate, 6f);
        var expected = new float[x.Length];
        viaFactory.Process(x, expected);
        using var p = new DenoiserProcessor(processor, r => DenoiserFactory.Create(processor, null, r));
        p.SetParameter(DenoiserProcessor.AttenuationLimitParameter, 6f); // before Configure: kept across it
        p.Configure(rate, 1024);
        Assert.Equal(6f, p.GetParameter(DenoiserProcessor.AttenuationLimitParameter));
        Assert.Equal(expected, TestSignals.ProcessInRandomBlocks(p, x, 2000, seed: 2));
    }

    [Fact]
    public void A_limit_of_0_dB_leaves_the_stft_round_trip_at_every_rate()
    {
        foreach (int rate in new[] { 16000, 48000 })
        {
            float[] x = TestSignals.WhiteNoise(rate, 0.2f, 36);
            using var p = new DenoiserProcessor(DenoiserFactory.Create("classic", null, rate)) { AttenuationLimitDb = 0f };
            float[] y = TestSignals.ProcessInRandomBlocks(p, x, 1500, seed: 3);
            int lag = p.LatencySamples;
            double err = 0;
            for (int i = lag + 2048; i < x.Length; i++)
            {
                err = Math.Max(err, Math.Abs(y[i] - x[i - lag]));
            }

            Assert.True(err <= 1e-3, $"{rate} Hz: max error {err:E3}");
        }
    }

    [Fact]
    public void Parameters_are_clamped_and_unknown_names_are_refused()
    {
        using var p = new DenoiserProcessor(DenoiserFactory.Create("classic", null, 16000));
        Assert.Equal([DenoiserProcessor.AttenuationLimitParameter, DenoiserProcessor.BypassParameter], p.Parameters.Select(q => q.Name));
        p.SetParameter(DenoiserProcessor.AttenuationLimitParameter, 500f);
        Assert.Equal(AttenuationLimit.NoneDb, p.GetParameter(DenoiserProcessor.AttenuationLimitParameter));
        p.SetParameter(DenoiserProcessor.AttenuationLimitParameter, -3f);
        Assert.Equal(0f, p.GetParameter(DenoiserProcessor.AttenuationLimitParameter));
        p.SetParameter(DenoiserProcessor.AttenuationLimitParameter, float.NaN); // a host's unset port: no limit
        Assert.Equal(AttenuationLimit.NoneDb, p.GetParameter(DenoiserProcessor.AttenuationLimitParameter));
        p.SetParameter(DenoiserProcessor.BypassParameter, 1f);
        Assert.True(p.Bypass);
        Assert.Equal(1f, p.GetParameter("BYPASS"));
        Assert.Throws<KeyNotFoundException>(() => p.SetParameter("wet", 1f));
    }

    [Fact]
    public void For_speex_the_limit_is_its_maximum_noise_attenuation()
    {
        Assert.SkipUnless(SpeexProcessor.IsAvailable, "libspeexdsp is not installed");
        using Denoiser d = DenoiserFactory.Create("speex", null, 16000);
        Assert.Equal(-SpeexProcessor.DefaultSuppressDb, d.AttenuationLimitDb);
        d.AttenuationLimitDb = 30f;
        Assert.Equal(30f, d.AttenuationLimitDb);
        d.AttenuationLimitDb = float.NaN;
        Assert.Equal(AttenuationLimit.NoneDb, d.AttenuationLimitDb);
    }

    [Fact]
    public void ProcessAllocatesNothing()
    {
        using var p = new DenoiserProcessor(DenoiserFactory.Create("classic", null, 44100)) { AttenuationLimitDb = 12f };
        float[] buffer = TestSignals.WhiteNoise(3000, 0.2f, 34);
        int[] sizes = [1, 64, 441, 1024, 3000];
        long allocated = TestSignals.AllocatedBytes(i =>
        {
            int n = sizes[i % sizes.Length];
            p.Bypass = i % 3 == 0;
            p.AttenuationLimitDb = i % 2 == 0 ? 12f : 30f;
            p.Process(buffer.AsSpan(0, n));
        });
        Assert.Equal(0L, allocated);
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
