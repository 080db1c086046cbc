using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Training.Features;

namespace RtDenoise.Training.Tests;

/// <summary>Training must see exactly the spectra and features the real-time processor sees.</summary>
public sealed class FeatureParityTests
{
    private sealed class CapturingProcessor : ISpectralProcessor
    {
        private readonly SpectralFeatures _features;
        private readonly int _k;

        public CapturingProcessor(int bins, FeatureSpec spec)
        {
            _features = SpectralFeatures.Raw(bins, spec, 0.008);
            _k = spec.Count(bins);
        }

        public List<float[]> Frames { get; } = [];

        public string Name => "capture";

        public void Configure(StftLayout layout)
        {
        }

        public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
        {
            var f = new float[_k];
            _features.Push(re, im, f);
            Frames.Add(f);
        }

        public void Reset() => _features.Reset();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Offline_frames_match_streaming_stft_features(bool noiseAware)
    {
        var layout = new StftLayout(256, 128, 256, 16000);
        var rng = new Random(3);
        var x = new float[16000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(0.1 * Math.Sin(i * 0.05) + (0.05 * (rng.NextDouble() - 0.5)));
        }

        FeatureSpec spec = noiseAware ? FeatureSpec.LevelNormalised(4) : FeatureSpec.AbsoluteLogPower(4);
        var capture = new CapturingProcessor(layout.Bins, spec);
        var stft = new StreamingStft(layout, capture);
        var y = new float[x.Length];
        // Odd block sizes: framing must not depend on how audio arrives.
        for (int pos = 0; pos < x.Length;)
        {
            int n = Math.Min(97, x.Length - pos);
            stft.Process(x.AsSpan(pos, n), y.AsSpan(pos, n));
            pos += n;
        }

        var offline = new FrameSpectra(layout);
        var features = SpectralFeatures.Raw(layout.Bins, spec, 0.008);
        var re = new float[layout.Bins];
        var im = new float[layout.Bins];
        var f = new float[spec.Count(layout.Bins)];
        Assert.Equal(offline.FrameCount(x.Length), capture.Frames.Count);
        for (int t = 0; t < capture.Frames.Count; t++)
        {
            offline.Frame(x, t, re, im);
            features.Push(re, im, f);
            for (int i = 0; i < f.Length; i++)
            {
                Assert.True(Math.Abs(f[i] - capture.Frames[t][i]) < 1e-4, $"frame {t} feature {i}: {f[i]} vs {capture.Frames[t][i]}");
            }
        }
    }
}
