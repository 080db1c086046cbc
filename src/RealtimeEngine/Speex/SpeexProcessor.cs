using RtDenoise.Engine.Chain;

namespace RtDenoise.Engine.Speex;

/// <summary>
/// <c>speex[:DB]</c>: the Speex preprocessor's noise suppressor (Ephraim–Malah style spectral gain with a
/// minimum-statistics-like noise estimate; xiph/speexdsp <c>libspeexdsp/preprocess.c</c>) at the stream's own rate,
/// in 10 ms frames of 16-bit samples, AGC and dereverb off. The classical real-time baseline.
/// </summary>
/// <remarks>
/// <para>Framing: samples are collected into a 10 ms frame (rate/100, rounded) and the answer of the previous frame is
/// read out in their place, so any block size works and the buffering delay is exactly one frame. Speex itself
/// overlaps a window of two frames and emits the older half, one more frame of delay: total latency 2 × frame
/// (20 ms); pinned by <c>SpeexProcessorTests</c>.</para>
/// <code>
///   x ─► [in frame: 10 ms] ─► float→int16 ─► speex_preprocess_run ─► int16→float ─► [out frame] ─► y
/// </code>
/// </remarks>
public sealed class SpeexProcessor : AudioProcessorBase
{
    public const string SuppressParameter = "suppress_db";

    /// <summary>The baseline's setting: at most 15 dB of noise attenuation (also Speex's own default).</summary>
    public const float DefaultSuppressDb = -15f;

    private readonly bool _denoise;
    private SpeexPreprocessStateHandle? _state;
    private short[] _frame = [];
    private float[] _inFrame = [];
    private float[] _outFrame = [];
    private int _pos;

    /// <param name="suppressDb">Maximum attenuation in dB, −100..0.</param>
    /// <param name="denoise">False runs the preprocessor with suppression off (for measuring its delay).</param>
    public SpeexProcessor(float suppressDb = DefaultSuppressDb, bool denoise = true)
        : base("speex", new ProcessorParameter(SuppressParameter, -100f, 0f, DefaultSuppressDb, "dB"))
    {
        if (!float.IsFinite(suppressDb) || suppressDb > 0 || suppressDb < -100)
        {
            throw new InvalidChainSpecException($"suppression '{suppressDb}' dB must be in -100..0.");
        }

        _denoise = denoise;
        SetParameter(SuppressParameter, suppressDb);
    }

    /// <summary>True when libspeexdsp.so.1 is installed (Debian: libspeexdsp1).</summary>
    public static bool IsAvailable => SpeexDspNative.IsAvailable;

    /// <summary>Samples per 10 ms frame at the configured rate.</summary>
    public int FrameSize => _frame.Length;

    public override int LatencySamples => 2 * _frame.Length;

    public override void Reset()
    {
        if (_state is null)
        {
            return;
        }

        // speexdsp has no reset call: a fresh state is the documented way to forget the noise estimate.
        _state.Dispose();
        _state = CreateState();
        Array.Clear(_inFrame);
        Array.Clear(_outFrame);
        _pos = 0;
    }

    public override void Dispose()
    {
        _state?.Dispose();
        _state = null;
        base.Dispose();
    }

    protected override void OnConfigure()
    {
        if (!IsAvailable)
        {
            throw new InvalidChainSpecException($"{SpeexDspNative.LibraryName} is not installed (Debian package libspeexdsp1).");
        }

        int frame = Math.Max(1, (int)Math.Round(SampleRate / 100.0));
        _frame = new short[frame];
        _inFrame = new float[frame];
        _outFrame = new float[frame];
        _pos = 0;
        _state?.Dispose();
        _state = CreateState();
    }

    protected override unsafe void OnParametersChanged()
    {
        if (_state is null)
        {
            return;
        }

        int suppress = (int)MathF.Round(Value(0));
        _ = SpeexDspNative.Ctl(_state, SpeexDspNative.SetNoiseSuppress, &suppress);
    }

    protected override void ProcessBlock(Span<float> block)
    {
        int frame = _inFrame.Length;
        int pos = _pos;
        for (int i = 0; i < block.Length; i++)
        {
            _inFrame[pos] = block[i];
            block[i] = _outFrame[pos];
            if (++pos == frame)
            {
                RunFrame();
                pos = 0;
            }
        }

        _pos = pos;
    }

    private unsafe void RunFrame()
    {
        for (int i = 0; i < _frame.Length; i++)
        {
            float s = _inFrame[i] * 32768f;
            _frame[i] = (short)Math.Clamp(MathF.Round(s), short.MinValue, short.MaxValue);
        }

        fixed (short* p = _frame)
        {
            _ = SpeexDspNative.Run(_state!, p);
        }

        for (int i = 0; i < _frame.Length; i++)
        {
            _outFrame[i] = _frame[i] / 32768f;
        }
    }

    private unsafe SpeexPreprocessStateHandle CreateState()
    {
        SpeexPreprocessStateHandle state = SpeexDspNative.StateInit(_frame.Length, SampleRate);
        if (state.IsInvalid)
        {
            throw new InvalidChainSpecException($"speex_preprocess_state_init({_frame.Length}, {SampleRate}) failed.");
        }

        int on = _denoise ? 1 : 0;
        int off = 0;
        int suppress = (int)MathF.Round(Value(0));
        _ = SpeexDspNative.Ctl(state, SpeexDspNative.SetDenoise, &on);
        _ = SpeexDspNative.Ctl(state, SpeexDspNative.SetAgc, &off);
        _ = SpeexDspNative.Ctl(state, SpeexDspNative.SetDereverb, &off);
        _ = SpeexDspNative.Ctl(state, SpeexDspNative.SetNoiseSuppress, &suppress);
        return state;
    }
}
