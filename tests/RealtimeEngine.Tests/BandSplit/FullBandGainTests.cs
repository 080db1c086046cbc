using RtDenoise.Engine.Processing;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Tests.BandSplit;

/// <summary>
/// The residual band's gain: it follows the mask over the top of the model band, in level and in
/// time, and the shipped model's 48 kHz output keeps speech above 8 kHz.
/// </summary>
public sealed class FullBandGainTests
{
    private static readonly StftLayout ModelLayout = new(WindowLength: 256, Hop: 128, FftSize: 256, SampleRate: 16000);

    [Fact]
    public void At_the_model_rate_the_output_is_the_bare_STFT_path_bit_for_bit()
    {
        // The full-band path exists only with resampling: at 16 kHz the Denoiser is the STFT and nothing else.
        float[] x = FullBandSignals.ToneAndWhiteNoise(16000, 16000, seed: 13);
        using Denoiser d = DenoiserFactory.Create("classic", null, 16000);
        var stft = new StreamingStft(d.ModelLayout, new ClassicWienerProcessor());
        var viaDenoiser = new float[x.Length];
        var viaStft = new float[x.Length];
        var rng = new Random(13);
        for (int pos = 0; pos < x.Length;)
        {
            int n = Math.Min(rng.Next(1, 3000), x.Length - pos);
            d.Process(x.AsSpan(pos, n), viaDenoiser.AsSpan(pos, n));
            stft.Process(x.AsSpan(pos, n), viaStft.AsSpan(pos, n));
            pos += n;
        }

        Assert.Equal(viaStft, viaDenoiser);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    public void A_constant_mask_scales_the_whole_band(int rate)
    {
        using var d = new Denoiser(rate, ModelLayout, new ScriptedMask(_ => 0.25f));
        float[] x = FullBandSignals.ToneAndWhiteNoise(rate, rate, seed: 11);
        var y = new float[x.Length];
        d.Process(x, y);
        var expected = x.Select(v => 0.25f * v).ToArray();
        double err = FullBandSignals.MaxErrorAfter(expected, y, d.LatencySamples, from: rate / 10);
        Assert.True(err <= 2.5e-4, $"{rate} Hz: max error {err:E3} from 0.25 × the delayed input");
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    public void The_residual_gain_switches_with_the_frames_it_came_from(int rate)
    {
        // Mask 0 on frames 100..139, 1 elsewhere; a 1 kHz tone (model band) and a 12 kHz tone (residual band) must
        // fall silent and come back at the same output times: the gain is applied at each frame's centre.
        const int gateFrom = 100, gateTo = 140;
        using var d = new Denoiser(rate, ModelLayout, new ScriptedMask(k => k is >= gateFrom and < gateTo ? 0f : 1f));
        int n = 2 * rate;
        var low = TestSignals.Sine(1000, rate, n, 0.3f);
        var high = TestSignals.Sine(12000, rate, n, 0.3f);
        var x = low.Zip(high, (a, b) => a + b).ToArray();
        var y = new float[n];
        d.Process(x, y);

        double[] lowEnv = ToneEnvelope(y, 1000, rate), highEnv = ToneEnvelope(y, 12000, rate);
        int window = rate / 1000;
        double lowFall = HalfCrossing(lowEnv, rate, falling: true), highFall = HalfCrossing(highEnv, rate, falling: true);
        double lowRise = HalfCrossing(lowEnv, rate, falling: false), highRise = HalfCrossing(highEnv, rate, falling: false);
        Assert.True(Math.Abs(lowFall - highFall) <= 1.5 * window, $"fall: model band at {lowFall}, residual at {highFall} (samples)");
        Assert.True(Math.Abs(lowRise - highRise) <= 1.5 * window, $"rise: model band at {lowRise}, residual at {highRise} (samples)");

        // And the gate is where the frames put it: the centre of frame k leaves at q_k (UpperBandGain's timing).
        double frameSamples = ModelLayout.Hop * rate / 16000.0;
        Assert.InRange(highRise - highFall, ((gateTo - gateFrom) * frameSamples) - (2 * window), ((gateTo - gateFrom) * frameSamples) + (2 * window));
    }

    [Fact]
    public void Shipped_model_at_48kHz_keeps_speech_above_8kHz()
    {
        const int rate = 48000;
        float[] clean = FullBandSignals.SpeechWithAir(rate, out int speechFrom, out int speechTo);
        float[] noise = TestSignals.WhiteNoise(clean.Length, 0.02f, seed: 17);
        float[] noisy = clean.Zip(noise, (a, b) => a + b).ToArray();
        using Denoiser d = DenoiserFactory.Create("dnn", null, rate);
        var y = new float[noisy.Length];
        d.Process(noisy, y);
        int lat = d.LatencySamples;
        float[] aligned = y.Skip(lat).Concat(new float[lat]).ToArray();

        float[] band = FullBandSignals.BandPass(9000, 20000, rate);
        double cleanDb = FullBandSignals.EnergyDb(FullBandSignals.Filter(clean, band), speechFrom, speechTo);
        double outDb = FullBandSignals.EnergyDb(FullBandSignals.Filter(aligned, band), speechFrom, speechTo);
        double noiseDb = FullBandSignals.EnergyDb(FullBandSignals.Filter(noise, band), speechFrom, speechTo);
        double noisyDb = FullBandSignals.EnergyDb(FullBandSignals.Filter(noisy, band), speechFrom, speechTo);

        // Before the full-band path the output had nothing there (≈ −90 dB: the resamplers' stop band). Now the band
        // is kept at about the level the model keeps its own 4–7 kHz band at this SNR (≈ 5 dB below clean), and
        // noise is taken out of it as the mask decides.
        Assert.True(Math.Abs(outDb - cleanDb) <= 10, $"9–20 kHz while speaking: clean {cleanDb:F1} dB, output {outDb:F1} dB (noise {noiseDb:F1} dB)");
        Assert.True(outDb < noisyDb - 3, $"9–20 kHz: noisy {noisyDb:F1} dB, output {outDb:F1} dB: the noise there is not reduced");
    }

    /// <summary>Amplitude of a tone in consecutive 1 ms windows (quadrature demodulation), one value per window.</summary>
    private static double[] ToneEnvelope(float[] y, double hz, int rate)
    {
        int w = rate / 1000;
        var env = new double[y.Length / w];
        for (int b = 0; b < env.Length; b++)
        {
            double c = 0, s = 0;
            for (int i = b * w; i < (b + 1) * w; i++)
            {
                c += y[i] * Math.Cos(2 * Math.PI * hz * i / rate);
                s += y[i] * Math.Sin(2 * Math.PI * hz * i / rate);
            }

            env[b] = 2 * Math.Sqrt((c * c) + (s * s)) / w;
        }

        return env;
    }

    /// <summary>Sample position where the envelope (1 ms windows at <paramref name="rate"/>) first falls below, or
    /// after that first rises above, half its level before the gate; interpolated between window centres.</summary>
    private static double HalfCrossing(double[] env, int rate, bool falling)
    {
        double half = env.Skip(200).Take(200).Average() / 2;
        int fall = Array.FindIndex(env, 200, v => v < half);
        int idx = falling ? fall : Array.FindIndex(env, Math.Max(fall, 0), v => v > half);
        Assert.True(idx > 0, "the envelope never crosses half its level");
        double v0 = env[idx - 1], v1 = env[idx];
        double windows = idx - 1 + ((half - v0) / (v1 - v0)) + 0.5;
        return windows * (rate / 1000);
    }

    /// <summary>A mask per frame index from a script: gains of every bin = f(k).</summary>
    private sealed class ScriptedMask(Func<long, float> gainOfFrame) : ISpectralProcessor
    {
        private long _frame;

        public string Name => "scripted";

        public void Configure(StftLayout layout)
        {
        }

        public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains) => gains.Fill(gainOfFrame(_frame++));

        public void Reset() => _frame = 0;
    }
}
