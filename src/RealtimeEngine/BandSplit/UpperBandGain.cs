using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.BandSplit;

/// <summary>
/// The gain for the residual band (<see cref="ResidualBand"/>): per STFT frame, the mean of the processor's mask over
/// the top of the band the model path carries, placed at the device-rate output time of that frame's centre and
/// linearly interpolated sample by sample between frames.
/// </summary>
/// <remarks>
/// <para>The band above what the model sees gets no mask of its own; like WebRTC NS for its upper bands (the
/// high-band gain there is built from the low band's filter averaged over the upper half of the low band, 4–8 kHz,
/// ns_core.c) we carry the model's decision over the top of its band upward: speech that reaches 4–7 kHz usually
/// reaches beyond, and a noise-only frame there is noise-only above. The bins averaged are [0.5, 0.92] × the lower
/// Nyquist frequency (4.0–7.36 kHz for a 16 kHz model and a faster device): 0.92 is the resamplers' cut-off, so every
/// bin used holds signal the model actually saw. A plain mean of the amplitude gains, as WebRTC's filter average.</para>
/// <para>Timing. Frame k is processed when model-rate input sample t_k = (k + 1)·H − 1 arrives; its window is centred
/// at t_k − (N − 1)/2 and the STFT emits it N − 1 samples later, so its centre leaves the STFT at t_k + (N − 1)/2 and
/// the device-rate output at q_k = (t_k + (N − 1)/2)·R/M + D_from, where D_from is the return converter's delay in
/// device samples (the input converter's delay cancels: it moves the input and the model time alike). The residual is
/// the input delayed by the same total latency, so applying g_k at q_k puts the frame's decision over the audio it was
/// made on. q_k is ≈ (N − 1)/2 model samples plus D_from after the frame is known, so by the time an output sample
/// is due the frame after it is normally known too; if not (a layout with hardly any look-ahead), the last gain holds.
/// For a unit mask (bypass) every g_k is exactly 1.</para>
/// <para>Allocation-free per call after construction.</para>
/// </remarks>
public sealed class UpperBandGain
{
    private readonly int _firstBin;
    private readonly int _binCount;
    private readonly double _firstPosition;
    private readonly double _framePeriod;
    private readonly double[] _positions;
    private readonly float[] _gains;
    private int _head;
    private int _count;
    private long _frames;
    private long _outputPosition;

    /// <param name="layout">The model path's STFT geometry (at the model rate).</param>
    /// <param name="deviceRate">The device rate R.</param>
    /// <param name="fromModelDelay">The return converter's delay D_from in device samples.</param>
    /// <param name="maxFramesAhead">Most frames that can be known before the output reaches them (sizes the queue).</param>
    public UpperBandGain(StftLayout layout, int deviceRate, double fromModelDelay, int maxFramesAhead)
    {
        int modelRate = layout.SampleRate;
        double nyquist = Math.Min(deviceRate, modelRate) / 2.0;
        double binHz = modelRate / (double)layout.FftSize;
        int first = (int)Math.Ceiling(0.5 * nyquist / binHz);
        int last = (int)Math.Floor(0.92 * nyquist / binHz);
        _firstBin = Math.Clamp(first, 0, layout.Bins - 1);
        _binCount = Math.Max(1, Math.Min(last, layout.Bins - 1) - _firstBin + 1);

        double ratio = deviceRate / (double)modelRate;
        int n = layout.WindowLength, h = layout.Hop;
        _firstPosition = ((h - 1) + ((n - 1) / 2.0)) * ratio + fromModelDelay;
        _framePeriod = h * ratio;
        _positions = new double[maxFramesAhead];
        _gains = new float[maxFramesAhead];
    }

    /// <summary>First mask bin averaged (for tests and reports).</summary>
    public int FirstBin => _firstBin;

    /// <summary>How many mask bins are averaged.</summary>
    public int BinCount => _binCount;

    /// <summary>Records the mask of the next frame (frames in processing order, one call per frame).</summary>
    public void AddFrame(ReadOnlySpan<float> mask)
    {
        ReadOnlySpan<float> bins = mask.Slice(_firstBin, _binCount);
        float sum = 0f;
        for (int i = 0; i < bins.Length; i++)
        {
            sum += bins[i];
        }

        float gain = sum / _binCount; // exactly 1 for a unit mask (small integer sums are exact in float)
        double position = _firstPosition + (_frames * _framePeriod);
        _frames++;
        if (_count == _positions.Length)
        {
            // Cannot happen with the queue sized from the call bounds; dropping the oldest keeps the audio going.
            _head = (_head + 1) % _positions.Length;
            _count--;
        }

        int tail = (_head + _count) % _positions.Length;
        _positions[tail] = position;
        _gains[tail] = gain;
        _count++;
    }

    /// <summary>Multiplies the next <paramref name="band"/>.Length output samples by the interpolated gain.</summary>
    public void Apply(Span<float> band)
    {
        int cap = _positions.Length;
        for (int i = 0; i < band.Length; i++)
        {
            double q = _outputPosition + i;
            // Drop frames the output has passed: keep the last one at or before q as the left end.
            while (_count >= 2 && _positions[(_head + 1) % cap] <= q)
            {
                _head = (_head + 1) % cap;
                _count--;
            }

            band[i] *= GainAt(q, cap);
        }

        _outputPosition += band.Length;
    }

    private float GainAt(double q, int cap)
    {
        if (_count == 0)
        {
            return 1f; // before the first frame: the residual is still the delay line's silence
        }

        double p0 = _positions[_head];
        float g0 = _gains[_head];
        if (_count == 1 || q <= p0)
        {
            return g0;
        }

        int next = (_head + 1) % cap;
        double t = (q - p0) / (_positions[next] - p0);
        return g0 + ((float)t * (_gains[next] - g0));
    }

    public void Reset()
    {
        _head = 0;
        _count = 0;
        _frames = 0;
        _outputPosition = 0;
    }
}
