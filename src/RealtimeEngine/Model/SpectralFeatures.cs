using RtDenoise.Engine.Processing;

namespace RtDenoise.Engine.Model;

/// <summary>
/// The network's input features, shared verbatim by the real-time processor and the trainer so the two cannot
/// drift. Two kinds (<see cref="FeatureSpec"/>), both from the log power L_t[k] = ln(re² + im² + 1e-12) of the
/// unscaled FFT, stacked with the C − 1 previous frames (causal) and normalised per feature as (x − mean)/std:
/// </summary>
/// <remarks>
/// <code>
/// kind 1 (absolute):        f[j·bins + k] = L_{t−j}[k]                                   j = 0 .. C−1
/// kind 2 (level-normalised, noise-aware; Seltzer et al. 2013, Xu et al. 2014 "noise-aware training"), with the
/// log power floored relative to the frame, L_t[k] = ln(P_t[k] + 1e-7·mean_k P_t + 1e-30):
///                           f[j·bins + k] = L_{t−j}[k] − r_t                              j = 0 .. C−1
///                           f[C·bins + k] = clamp(L_t[k] − ln(N_t[k] + 1e-7·mean_k P_t), −15, 25)   a-posteriori SNR
///   r_t = running level: r ← r + a·(ln(mean_k P_t[k]) − r), a = max(1 − e^(−H/τ), 1/n) (the
///         cumulative mean over the first n frames, then an exponential average with time constant τ)
///   N_t = minimum-statistics noise power (R. Martin 2001; <see cref="MinimumStatisticsNoiseTracker"/>)
/// </code>
/// Kind 2 is invariant to the input level: scaling the input by a adds 2·ln a to every L, to r and to ln N, which
/// cancels (exactly but for float rounding); for kind 2 the frames before the first one repeat it. Frames of digital silence (mean power below 1e-10, e.g. the zeros a
/// stream starts from) freeze r and N, so a recording that starts or pauses with exact zeros does not pull the
/// reference to the floor. Kind 1 takes frames before the first as silence (ln 1e-12). Allocation-free after
/// construction.
/// </remarks>
public sealed class SpectralFeatures
{
    /// <summary>Added to the power so silence has a finite logarithm.</summary>
    public const float PowerFloor = 1e-12f;

    /// <summary>A frame whose mean bin power is below this is digital silence (≈ −130 dBFS per sample).</summary>
    public const float SilencePower = 1e-10f;

    /// <summary>Kind 2's per-frame floor relative to the frame's mean bin power (−70 dB).</summary>
    public const float RelativeFloor = 1e-7f;

    /// <summary>Kind 2's absolute floor: only keeps ln finite for exact zeros.</summary>
    public const float TinyPower = 1e-30f;

    public const float MinSnrLog = -15f;
    public const float MaxSnrLog = 25f;

    private readonly int _bins;
    private readonly int _context;
    private readonly FeatureSpec _spec;
    private readonly float[] _mean;
    private readonly float[] _invStd;
    private readonly float[] _ring;   // C frames of log-power, frame slot (_head − j) mod C is t − j
    private readonly float[] _power;
    private readonly float _levelAlpha;
    private readonly MinimumStatisticsNoiseTracker? _noise;
    private int _head;
    private float _level;
    private long _activeFrames;
    private bool _pushed;
    private float _floor;

    /// <summary>Kind 1 features (absolute log power of <paramref name="contextFrames"/> frames).</summary>
    public SpectralFeatures(int bins, int contextFrames, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
        : this(bins, FeatureSpec.AbsoluteLogPower(contextFrames), 0.008, mean, std)
    {
    }

    /// <summary>Features of <paramref name="spec"/> for frames <paramref name="hopSeconds"/> apart.</summary>
    public SpectralFeatures(int bins, FeatureSpec spec, double hopSeconds, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (bins < 1 || spec.ContextFrames < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), "bins and context frames must be positive.");
        }

        if (spec.IsNoiseAware && !(spec.LevelTauSeconds > 0 && hopSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "level-normalised features need a positive time constant and hop.");
        }

        int k = spec.Count(bins);
        if (mean.Length != k || std.Length != k)
        {
            throw new ArgumentException($"mean and std need {k} entries.");
        }

        _bins = bins;
        _context = spec.ContextFrames;
        _spec = spec;
        _mean = mean.ToArray();
        _invStd = new float[k];
        for (int i = 0; i < k; i++)
        {
            _invStd[i] = 1f / std[i];
        }

        _ring = new float[bins * _context];
        _power = new float[bins];
        if (spec.IsNoiseAware)
        {
            _levelAlpha = (float)(1 - Math.Exp(-hopSeconds / spec.LevelTauSeconds));
            _noise = new MinimumStatisticsNoiseTracker(bins, hopSeconds);
        }

        Reset();
    }

    /// <summary>Unnormalised kind 1 features (mean 0, std 1).</summary>
    public static SpectralFeatures Raw(int bins, int contextFrames) => Raw(bins, FeatureSpec.AbsoluteLogPower(contextFrames), 0.008);

    /// <summary>Unnormalised features (mean 0, std 1): what statistics are gathered from.</summary>
    public static SpectralFeatures Raw(int bins, FeatureSpec spec, double hopSeconds)
    {
        int k = spec.Count(bins);
        var zeros = new float[k];
        var ones = new float[k];
        Array.Fill(ones, 1f);
        return new SpectralFeatures(bins, spec, hopSeconds, zeros, ones);
    }

    public int FeatureCount => _spec.Count(_bins);

    public FeatureSpec Spec => _spec;

    // Scalar loops on purpose: the features must be bit-identical whatever the vector width (the JIT on an AVX-512
    // machine, the NativeAOT plugin, DOTNET_EnableHWIntrinsic=0), and TensorPrimitives' Log and Sum approximate or
    // reorder differently per width. 129 bins per 8 ms hop is not where the time goes.

    /// <summary>ln(re² + im² + 1e-12) per bin.</summary>
    public static void LogPower(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> dest)
    {
        for (int k = 0; k < dest.Length; k++)
        {
            dest[k] = MathF.Log((re[k] * re[k]) + (im[k] * im[k]) + PowerFloor);
        }
    }

    private static void PowerSpectrum(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> dest)
    {
        for (int k = 0; k < dest.Length; k++)
        {
            dest[k] = (re[k] * re[k]) + (im[k] * im[k]);
        }
    }

    /// <summary>Forget the history (all past frames silent, level and noise estimate unset).</summary>
    public void Reset()
    {
        Array.Fill(_ring, MathF.Log(PowerFloor));
        _head = 0;
        _level = 0;
        _activeFrames = 0;
        _pushed = false;
        _noise?.Reset();
    }

    /// <summary>Adds the current frame's spectrum and writes the normalised feature vector.</summary>
    public void Push(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> features)
    {
        _head = (_head + 1) % _context;
        Span<float> current = _ring.AsSpan(_head * _bins, _bins);
        PowerSpectrum(re, im, _power);
        float meanPower = 0f;
        if (_noise is not null)
        {
            for (int k = 0; k < _bins; k++)
            {
                meanPower += _power[k];
            }

            meanPower /= _bins;
        }

        // Kind 2 floors each bin relative to the frame's mean power (−70 dB), so the floor scales with the input
        // like everything else; kind 1 keeps its absolute 1e-12.
        _floor = _noise is null ? PowerFloor : (RelativeFloor * meanPower) + TinyPower;
        for (int k = 0; k < _bins; k++)
        {
            current[k] = MathF.Log(_power[k] + _floor);
        }

        float offset = 0f;
        if (_noise is not null)
        {
            if (!_pushed)
            {
                // Kind 2: frames before the first repeat it, so the stacked history is level-free from frame 0
                // (a constant silence floor minus a level-following reference would not be).
                for (int j = 1; j < _context; j++)
                {
                    current.CopyTo(_ring.AsSpan(((_head + j) % _context) * _bins, _bins));
                }
            }

            offset = UpdateLevelAndNoise(meanPower);
        }

        _pushed = true;

        for (int j = 0; j < _context; j++)
        {
            int slot = (_head - j + _context) % _context;
            ReadOnlySpan<float> src = _ring.AsSpan(slot * _bins, _bins);
            int o = j * _bins;
            for (int k = 0; k < _bins; k++)
            {
                features[o + k] = (src[k] - offset - _mean[o + k]) * _invStd[o + k];
            }
        }

        if (_noise is not null)
        {
            WriteSnr(current, features.Slice(_context * _bins, _bins));
        }
    }

    /// <summary>Updates the running level and the noise tracker (frozen on digital silence); returns r_t.</summary>
    private float UpdateLevelAndNoise(float meanPower)
    {
        if (meanPower >= SilencePower)
        {
            float frameLevel = MathF.Log(meanPower + TinyPower);
            _activeFrames++;
            float a = MathF.Max(_levelAlpha, 1f / _activeFrames);
            _level += a * (frameLevel - _level);
            _noise!.Update(_power);
        }

        // Before the first active frame there is no level yet: the frame is its own reference.
        return _activeFrames > 0 ? _level : MathF.Log(meanPower + TinyPower);
    }

    private void WriteSnr(ReadOnlySpan<float> logPower, Span<float> dest)
    {
        int o = _context * _bins;
        ReadOnlySpan<float> noise = _noise!.Noise;
        bool tracked = _activeFrames > 0;
        for (int k = 0; k < _bins; k++)
        {
            float snr = tracked ? Math.Clamp(logPower[k] - MathF.Log(noise[k] + _floor), MinSnrLog, MaxSnrLog) : 0f;
            dest[k] = (snr - _mean[o + k]) * _invStd[o + k];
        }
    }
}
