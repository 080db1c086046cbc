using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>Feature kind 2: level-invariant, noise-aware, frozen by digital silence.</summary>
public sealed class NoiseAwareFeatureTests
{
    private static readonly StftLayout Layout = new(256, 128, 256, 16000);
    private static readonly FeatureSpec Spec = FeatureSpec.LevelNormalised(4);

    private static List<float[]> Features(float[] x, FeatureSpec spec)
    {
        var fs = SpectralFeatures.Raw(Layout.Bins, spec, (double)Layout.Hop / Layout.SampleRate);
        var frames = new List<float[]>();
        var capture = new CaptureProcessor(fs, frames);
        var stft = new StreamingStft(Layout, capture);
        var y = new float[x.Length];
        stft.Process(x, y);
        return frames;
    }

    private sealed class CaptureProcessor(SpectralFeatures features, List<float[]> frames) : ISpectralProcessor
    {
        public string Name => "capture";

        public void Configure(StftLayout layout)
        {
        }

        public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
        {
            var f = new float[features.FeatureCount];
            features.Push(re, im, f);
            frames.Add(f);
            gains.Fill(1f);
        }

        public void Reset() => features.Reset();
    }

    private static float[] NoisySpeechLike(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            double envelope = Math.Max(0, Math.Sin(i * 2 * Math.PI / 8000.0));
            x[i] = (float)((0.3 * envelope * Math.Sin(i * 0.11) * Math.Sin(i * 0.013)) + (0.02 * (rng.NextDouble() - 0.5)));
        }

        return x;
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(-10)]
    [InlineData(6)]
    public void Kind_2_features_do_not_depend_on_the_input_level(double db)
    {
        float[] x = NoisySpeechLike(32000, 4);
        float g = (float)Math.Pow(10, db / 20);
        float[] scaled = [.. x.Select(v => v * g)];
        List<float[]> a = Features(x, Spec), b = Features(scaled, Spec);
        Assert.Equal(a.Count, b.Count);
        double worst = 0;
        string where = "";
        for (int t = 0; t < a.Count; t++)
        {
            for (int i = 0; i < a[t].Length; i++)
            {
                double d = Math.Abs(a[t][i] - b[t][i]);
                if (d > worst)
                {
                    (worst, where) = (d, $"frame {t} feature {i}: {a[t][i]} vs {b[t][i]}");
                }
            }
        }

        // ln-domain features: float rounding of 1e-6 relative in the power gives 1e-6 absolute here.
        Assert.True(worst < 1e-3, $"largest feature change at {db} dB: {worst} ({where})");
    }

    [Fact]
    public void Kind_1_features_do_depend_on_the_level_so_the_test_above_can_fail()
    {
        float[] x = NoisySpeechLike(16000, 5);
        float[] scaled = [.. x.Select(v => v * 0.1f)];
        List<float[]> a = Features(x, FeatureSpec.AbsoluteLogPower(4)), b = Features(scaled, FeatureSpec.AbsoluteLogPower(4));
        Assert.True(Math.Abs(a[50][0] - b[50][0]) > 4, "absolute log power moves by ln(0.01) = −4.6 at −20 dB");
    }

    [Fact]
    public void Snr_features_rise_when_speech_starts_over_stationary_noise()
    {
        var rng = new Random(6);
        var x = new float[48000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(0.01 * (rng.NextDouble() - 0.5)) + (i >= 32000 ? (float)(0.3 * Math.Sin(i * 2 * Math.PI * 500 / 16000)) : 0f);
        }

        List<float[]> f = Features(x, Spec);
        int bins = Layout.Bins, k500 = 8; // 500 Hz is bin 8 at 62.5 Hz per bin
        float noiseOnly = f[200][(4 * bins) + k500], toneOn = f[300][(4 * bins) + k500];
        Assert.InRange(noiseOnly, -3f, 3f);
        Assert.True(toneOn > 6, $"a-posteriori SNR at 500 Hz with the tone on: {toneOn} (noise only: {noiseOnly})");
    }

    [Fact]
    public void Leading_digital_silence_does_not_move_the_level_reference()
    {
        float[] speech = NoisySpeechLike(32000, 7);
        float[] padded = [.. new float[16000], .. speech];
        List<float[]> a = Features(speech, Spec), b = Features(padded, Spec);
        int shift = 16000 / Layout.Hop;
        // A few frames after the padding the analysis windows hold only speech, and the state saw only speech.
        for (int t = 10; t < a.Count; t += 37)
        {
            for (int i = 0; i < a[t].Length; i++)
            {
                Assert.True(Math.Abs(a[t][i] - b[t + shift][i]) < 1e-3, $"frame {t} feature {i}: {a[t][i]} vs {b[t + shift][i]}");
            }
        }
    }
}
