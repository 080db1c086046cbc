using System.Numerics.Tensors;
using RtDenoise.Engine.Buffers;
using RtDenoise.Kernels.Fft;
using RtDenoise.Kernels.Numerics;

namespace RtDenoise.Engine.Stft;

/// <summary>
/// Streaming STFT → spectral processor → inverse STFT with weighted overlap-add, accepting blocks of any size and
/// returning exactly as many samples, with a fixed latency of <see cref="LatencySamples"/> = N − 1.
/// Allocation-free after construction.
/// </summary>
/// <remarks>
/// <para>Timing (N window, H hop). Input is collected into the last-N-samples frame; every H new samples the frame is
/// analysed, processed, resynthesised and overlap-added into a length-N accumulator, whose first H samples are then
/// complete and move to an output queue. The queue starts with H − 1 zeros, the least that lets a one-sample block
/// always find an output sample, so output sample p is input sample p − (H − 1) − (N − H) = p − (N − 1).</para>
/// <code>
///   input   ... |&lt;-------- frame (N) --------&gt;|        processed when its last sample arrives
///   ola         [ complete (H) | partial (N − H) ]       complete part → output queue (initially H − 1 zeros)
/// </code>
/// <para>Frames are zero-padded from N to the FFT size F; synthesis takes the first N samples of the inverse FFT.
/// With unit gains the round trip is exact up to float rounding (sqrt-Hann² sums to a constant, divided out).</para>
/// </remarks>
public sealed class StreamingStft
{
    private readonly StftLayout _layout;
    private readonly ISpectralProcessor _processor;
    private readonly RealFft _fft;
    private readonly float[] _analysis;
    private readonly float[] _synthesis;
    private readonly float[] _frameIn;   // last N input samples; new ones land at [N − H + _inFill]
    private readonly float[] _fftBuf;    // F samples: windowed frame + zero padding / inverse output
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _gains;
    private readonly float[] _ola;       // N samples of overlap-add accumulator
    private readonly SampleQueue _outQueue; // at most (H − 1) + H samples
    private int _inFill;
    private float _attenuationLimitDb;
    private float _minGain;

    public StreamingStft(StftLayout layout, ISpectralProcessor processor)
    {
        layout.Validate();
        ArgumentNullException.ThrowIfNull(processor);
        _layout = layout;
        _processor = processor;
        _fft = new RealFft(layout.FftSize);
        int n = layout.WindowLength, h = layout.Hop;
        _analysis = Windows.SqrtHannPeriodic(n);
        _synthesis = Windows.SqrtHannPeriodic(n);

        // Divide out the overlap-add constant Σ_k w²[n + kH] (1 for N/H = 2, 2 for N/H = 4) and fold the
        // normalisation into the synthesis window so the hot loop has one multiply.
        double cola = 0;
        for (int k = 0; k < n; k += h)
        {
            cola += (double)_analysis[k] * _synthesis[k];
        }

        for (int i = 0; i < n; i++)
        {
            _synthesis[i] = (float)(_synthesis[i] / cola);
        }

        _frameIn = new float[n];
        _fftBuf = new float[layout.FftSize];
        _re = new float[layout.Bins];
        _im = new float[layout.Bins];
        _gains = new float[layout.Bins];
        _ola = new float[n];
        _outQueue = new SampleQueue(2 * h);
        processor.Configure(layout);
        AttenuationLimitDb = processor.DefaultAttenuationLimitDb;
        Reset();
    }

    /// <summary>
    /// The attenuation limit in dB (see <see cref="AttenuationLimit"/>): the processor's mask is raised to at least
    /// 10^(−limit/20) before it is applied (and before the full-band path reads it), whatever the processor. Starts at
    /// the processor's <see cref="ISpectralProcessor.DefaultAttenuationLimitDb"/>; may change between blocks.
    /// </summary>
    public float AttenuationLimitDb
    {
        get => _attenuationLimitDb;
        set
        {
            _attenuationLimitDb = value;
            _minGain = AttenuationLimit.MinimumGain(value);
        }
    }

    public StftLayout Layout => _layout;

    public ISpectralProcessor Processor => _processor;

    /// <summary>Output sample p equals (processed) input sample p − LatencySamples.</summary>
    public int LatencySamples => _layout.LatencySamples;

    /// <summary>Input samples still to come before the next frame is processed (1..H): a block of exactly this many
    /// ends on a frame, after which <see cref="LastFrameGains"/> holds that frame's mask.</summary>
    public int SamplesUntilFrame => _layout.Hop - _inFill;

    /// <summary>The per-bin gains applied to the last processed frame (the processor's mask; the full-band path
    /// derives its upper-band gain from it).</summary>
    public ReadOnlySpan<float> LastFrameGains => _gains;

    /// <summary>Clears all signal history and the processor's state.</summary>
    public void Reset()
    {
        Array.Clear(_frameIn);
        Array.Clear(_ola);
        _outQueue.Reset(zeros: _layout.Hop - 1);
        _inFill = 0;
        _processor.Reset();
    }

    /// <summary>Processes a block of any length; <paramref name="output"/> must have the same length.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != input.Length)
        {
            throw new ArgumentException("output must have the same length as input.", nameof(output));
        }

        int h = _layout.Hop, n = _layout.WindowLength;
        int pos = 0;
        while (pos < input.Length)
        {
            int take = Math.Min(h - _inFill, input.Length - pos);
            input.Slice(pos, take).CopyTo(_frameIn.AsSpan(n - h + _inFill, take));
            _inFill += take;
            if (_inFill == h)
            {
                // The last sample of this chunk completes a hop: its output is popped after the frame is processed.
                _outQueue.Pop(output.Slice(pos, take - 1));
                ProcessHop();
                _outQueue.Pop(output.Slice(pos + take - 1, 1));
                _inFill = 0;
            }
            else
            {
                _outQueue.Pop(output.Slice(pos, take));
            }

            pos += take;
        }
    }

    private void ProcessHop()
    {
        int n = _layout.WindowLength, h = _layout.Hop;
        Span<float> frame = _fftBuf;
        TensorPrimitives.Multiply(_frameIn, _analysis, frame[..n]);
        frame[n..].Clear();
        _fft.Forward(frame, _re, _im);

        _gains.AsSpan().Fill(1f);
        _processor.ProcessFrame(_re, _im, _gains);
        if (_minGain > 0f)
        {
            TensorPrimitives.Max(_gains, _minGain, _gains);
        }

        TensorPrimitives.Multiply(_re, _gains, _re);
        TensorPrimitives.Multiply(_im, _gains, _im);

        _fft.Inverse(_re, _im, frame);

        // ola += synthesis-windowed first N samples; then the first H are final.
        TensorPrimitives.MultiplyAdd(frame[..n], _synthesis, _ola, _ola);
        // The accumulator is state carried across hops: flush what a strongly attenuated, decaying tail leaves in the
        // subnormal range before it is output or added to (see Denormals for why not FTZ).
        Denormals.Flush(_ola);
        _outQueue.Push(_ola.AsSpan(0, h));
        _ola.AsSpan(h, n - h).CopyTo(_ola);
        _ola.AsSpan(n - h).Clear();

        // Slide the input frame by one hop.
        _frameIn.AsSpan(h, n - h).CopyTo(_frameIn);
    }
}
