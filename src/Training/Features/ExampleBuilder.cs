using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Training.Mixing;

namespace RtDenoise.Training.Features;

/// <summary>
/// Turns mixtures into <see cref="FrameSet"/>s: features through the engine's own <see cref="SpectralFeatures"/>
/// (the code the real-time processor runs), loss targets from the clean and noisy spectra of the same frames.
/// Magnitudes are divided by the mixture's RMS (× √(N/2), the window energy) before compression, so mixtures at
/// −35 and −10 dBFS weigh the same in the loss.
/// </summary>
public sealed class ExampleBuilder
{
    private readonly StftLayout _layout;
    private readonly FeatureSpec _spec;
    private readonly float[] _mean;
    private readonly float[] _std;
    private readonly float _c;
    private readonly float _floor;

    public ExampleBuilder(StftLayout layout, FeatureSpec spec, float[] mean, float[] std, float compression, float floor)
    {
        _layout = layout;
        _spec = spec;
        _mean = mean;
        _std = std;
        _c = compression;
        _floor = floor;
    }

    /// <summary>Thread-safe: each call has its own STFT and feature state.</summary>
    public FrameSet Build(Mixture m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var stft = new FrameSpectra(_layout);
        var feats = new SpectralFeatures(_layout.Bins, _spec, HopSeconds(_layout), _mean, _std);
        int bins = _layout.Bins, t = stft.FrameCount(m.Noisy.Length);
        var set = new FrameSet(t, feats.FeatureCount, bins);
        var yr = new float[bins];
        var yi = new float[bins];
        var sr = new float[bins];
        var si = new float[bins];
        double rms = Math.Sqrt(Dsp.MeanPower(m.Noisy));
        float scale = (float)(1.0 / Math.Max(rms * Math.Sqrt(_layout.WindowLength / 2.0), 1e-9));
        for (int f = 0; f < t; f++)
        {
            stft.Frame(m.Noisy, f, yr, yi);
            stft.Frame(m.Clean, f, sr, si);
            feats.Push(yr, yi, set.X.AsSpan(f * set.Features, set.Features));
            for (int k = 0; k < bins; k++)
            {
                float y = MathF.Sqrt((yr[k] * yr[k]) + (yi[k] * yi[k])) * scale;
                float s = MathF.Sqrt((sr[k] * sr[k]) + (si[k] * si[k])) * scale;
                int i = (f * bins) + k;
                set.NoisyC[i] = MathF.Pow(y, _c);
                set.CleanC[i] = MathF.Pow(s, _c);
                set.Irm[i] = Math.Clamp(y > 1e-9f ? s / y : 1f, _floor, 1f);
            }
        }

        return set;
    }

    public static double HopSeconds(StftLayout layout) => (double)layout.Hop / layout.SampleRate;

    /// <summary>Per-feature mean and std of the raw features over the mixtures (streamed from the start of each, as
    /// inference sees them).</summary>
    public static (float[] Mean, float[] Std) Statistics(IReadOnlyList<Mixture> mixtures, StftLayout layout, FeatureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(mixtures);
        int bins = layout.Bins;
        int count = spec.Count(bins);
        var sum = new double[count];
        var sum2 = new double[count];
        long n = 0;
        var stft = new FrameSpectra(layout);
        var re = new float[bins];
        var im = new float[bins];
        var f = new float[count];
        foreach (Mixture m in mixtures)
        {
            SpectralFeatures raw = SpectralFeatures.Raw(bins, spec, HopSeconds(layout));
            int t = stft.FrameCount(m.Noisy.Length);
            for (int frame = 0; frame < t; frame++)
            {
                stft.Frame(m.Noisy, frame, re, im);
                raw.Push(re, im, f);
                for (int i = 0; i < count; i++)
                {
                    sum[i] += f[i];
                    sum2[i] += (double)f[i] * f[i];
                }

                n++;
            }
        }

        var mean = new float[count];
        var std = new float[count];
        for (int i = 0; i < count; i++)
        {
            double mu = sum[i] / Math.Max(n, 1);
            mean[i] = (float)mu;
            std[i] = (float)Math.Sqrt(Math.Max((sum2[i] / Math.Max(n, 1)) - (mu * mu), 1e-6));
        }

        return (mean, std);
    }
}
