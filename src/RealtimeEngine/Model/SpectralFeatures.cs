using System.Runtime.CompilerServices;

namespace RtDenoise.Engine.Model;

/// <summary>
/// The network's input features (feature kind 1), shared verbatim by the real-time processor and the trainer so
/// the two cannot drift: per frame the log-power spectrum ln(re² + im² + 1e-12) of the unscaled FFT, stacked with
/// the C − 1 previous frames (causal), each feature normalised as (x − mean)/std.
/// </summary>
/// <remarks>
/// <code>
///   features[j·bins + k] = (ln P_{t−j}[k] − mean[j·bins + k]) / std[j·bins + k],   j = 0 (current) .. C−1
/// </code>
/// Frames before the first are taken as silence (ln 1e-12), matching a stream that starts from zeros.
/// Allocation-free after construction.
/// </remarks>
public sealed class SpectralFeatures
{
    /// <summary>Added to the power so silence has a finite logarithm.</summary>
    public const float PowerFloor = 1e-12f;

    private readonly int _bins;
    private readonly int _context;
    private readonly float[] _mean;
    private readonly float[] _invStd;
    private readonly float[] _ring;   // C frames of log-power, frame slot (_head − j) mod C is t − j
    private int _head;

    public SpectralFeatures(int bins, int contextFrames, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (bins < 1 || contextFrames < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), "bins and context frames must be positive.");
        }

        int k = bins * contextFrames;
        if (mean.Length != k || std.Length != k)
        {
            throw new ArgumentException($"mean and std need {k} entries.");
        }

        _bins = bins;
        _context = contextFrames;
        _mean = mean.ToArray();
        _invStd = new float[k];
        for (int i = 0; i < k; i++)
        {
            _invStd[i] = 1f / std[i];
        }

        _ring = new float[k];
        Reset();
    }

    /// <summary>Unnormalised features (mean 0, std 1): what statistics are gathered from.</summary>
    public static SpectralFeatures Raw(int bins, int contextFrames)
    {
        var zeros = new float[bins * contextFrames];
        var ones = new float[bins * contextFrames];
        Array.Fill(ones, 1f);
        return new SpectralFeatures(bins, contextFrames, zeros, ones);
    }

    public int FeatureCount => _bins * _context;

    /// <summary>ln(re² + im² + 1e-12) per bin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LogPower(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> dest)
    {
        for (int k = 0; k < dest.Length; k++)
        {
            dest[k] = MathF.Log((re[k] * re[k]) + (im[k] * im[k]) + PowerFloor);
        }
    }

    /// <summary>Forget the history (all past frames silent).</summary>
    public void Reset()
    {
        Array.Fill(_ring, MathF.Log(PowerFloor));
        _head = 0;
    }

    /// <summary>Adds the current frame's spectrum and writes the normalised feature vector.</summary>
    public void Push(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> features)
    {
        _head = (_head + 1) % _context;
        LogPower(re, im, _ring.AsSpan(_head * _bins, _bins));
        for (int j = 0; j < _context; j++)
        {
            int slot = (_head - j + _context) % _context;
            ReadOnlySpan<float> src = _ring.AsSpan(slot * _bins, _bins);
            int o = j * _bins;
            for (int k = 0; k < _bins; k++)
            {
                features[o + k] = (src[k] - _mean[o + k]) * _invStd[o + k];
            }
        }
    }
}
