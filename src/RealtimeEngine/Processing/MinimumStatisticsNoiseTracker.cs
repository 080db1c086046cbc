using RtDenoise.Kernels.Numerics;

namespace RtDenoise.Engine.Processing;

/// <summary>
/// Noise power spectral density estimate by minimum statistics (R. Martin, "Noise power spectral density
/// estimation based on optimal smoothing and minimum statistics", IEEE TSAP 9(5), 2001), in its simple form:
/// the recursively smoothed periodogram's minimum over a sliding window of about 1.5 s, tracked with U
/// sub-windows of V frames (so the window slides without storing D frames), times a bias correction.
/// </summary>
/// <remarks>
/// Simplifications versus Martin 2001, documented because they set the behaviour: a fixed smoothing constant
/// instead of the optimal time-varying one, and a constant bias factor (the minimum of a smoothed periodogram
/// under-estimates the mean noise power). Allocation-free after construction.
/// </remarks>
public sealed class MinimumStatisticsNoiseTracker
{
    private const int SubWindows = 8;
    private readonly int _bins;
    private readonly int _framesPerSubWindow;
    private readonly float _alpha;
    private readonly float _bias;
    private readonly float[] _smoothed;
    private readonly float[] _currentMin;
    private readonly float[] _subMins; // SubWindows × bins
    private readonly float[] _noise;
    private int _frameInSub;
    private int _subIndex;
    private bool _started;

    public MinimumStatisticsNoiseTracker(int bins, double hopSeconds, double windowSeconds = 1.5, float smoothing = 0.85f, float bias = 2.0f)
    {
        _bins = bins;
        _framesPerSubWindow = Math.Max(1, (int)Math.Round(windowSeconds / hopSeconds / SubWindows));
        _alpha = smoothing;
        _bias = bias;
        _smoothed = new float[bins];
        _currentMin = new float[bins];
        _subMins = new float[bins * SubWindows];
        _noise = new float[bins];
    }

    /// <summary>Current noise PSD estimate per bin (same units as the power passed to <see cref="Update"/>).</summary>
    public ReadOnlySpan<float> Noise => _noise;

    /// <summary>The recursively smoothed periodogram (the decaying state; tests check it stays out of subnormals).</summary>
    internal ReadOnlySpan<float> Smoothed => _smoothed;

    public void Reset()
    {
        _started = false;
        _frameInSub = 0;
        _subIndex = 0;
    }

    /// <summary>Feeds one frame's power spectrum |X|².</summary>
    public void Update(ReadOnlySpan<float> power)
    {
        if (!_started)
        {
            // Assume the stream starts without speech: seed every tracker with the first frame.
            power[.._bins].CopyTo(_smoothed);
            power[.._bins].CopyTo(_currentMin);
            for (int s = 0; s < SubWindows; s++)
            {
                power[.._bins].CopyTo(_subMins.AsSpan(s * _bins, _bins));
            }

            _started = true;
        }

        float a = _alpha, b = 1 - _alpha;
        for (int k = 0; k < _bins; k++)
        {
            // A one-pole smoother decays by α per frame in silence: flushed before it reaches subnormals (Denormals).
            float s = Denormals.Flush((a * _smoothed[k]) + (b * power[k]));
            _smoothed[k] = s;
            if (s < _currentMin[k])
            {
                _currentMin[k] = s;
            }
        }

        if (++_frameInSub >= _framesPerSubWindow)
        {
            // Close the sub-window: its minimum replaces the oldest one in the ring.
            _currentMin.CopyTo(_subMins.AsSpan(_subIndex * _bins, _bins));
            _subIndex = (_subIndex + 1) % SubWindows;
            _frameInSub = 0;
            _smoothed.CopyTo(_currentMin, 0);
        }

        for (int k = 0; k < _bins; k++)
        {
            float m = _currentMin[k];
            for (int s = 0; s < SubWindows; s++)
            {
                m = Math.Min(m, _subMins[(s * _bins) + k]);
            }

            _noise[k] = Math.Max(m * _bias, 1e-20f);
        }
    }
}
