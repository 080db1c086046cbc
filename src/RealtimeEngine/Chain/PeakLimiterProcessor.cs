namespace RtDenoise.Engine.Chain;

/// <summary>
/// <c>limiter:DB</c>: a look-ahead-free peak limiter with a ceiling in dBFS. There is no look-ahead, hence no
/// latency: the gain for sample n is computed from sample n itself, so the attack is instantaneous and the output
/// never exceeds the ceiling, at the price of some distortion on sharp transients (a look-ahead limiter would fade
/// in over a few milliseconds instead). The gain recovers exponentially with a release time constant.
/// </summary>
/// <remarks>
/// <code>
///   target = min(1, ceiling / |x|)
///   g      = target                          if target &lt; g   (instant attack)
///   g      = min(target, 1 − (1 − g)·r)      otherwise, r = exp(−1 / (release·Fs))
///   y      = g·x
/// </code>
/// </remarks>
public sealed class PeakLimiterProcessor : AudioProcessorBase
{
    public const string CeilingParameter = "ceiling_db";
    public const string ReleaseParameter = "release_ms";
    private float _ceiling = 1f;
    private float _release;
    private float _gain = 1f;

    public PeakLimiterProcessor(float ceilingDb, float releaseMs = 50f)
        : base(
            "limiter",
            new ProcessorParameter(CeilingParameter, -60f, 0f, -1f, "dBFS"),
            new ProcessorParameter(ReleaseParameter, 1f, 2000f, 50f, "ms"))
    {
        if (!float.IsFinite(ceilingDb) || ceilingDb > 0f || ceilingDb < -60f)
        {
            throw new InvalidChainSpecException($"limiter: ceiling '{ceilingDb}' dBFS must be in -60..0.");
        }

        SetParameter(CeilingParameter, ceilingDb);
        SetParameter(ReleaseParameter, releaseMs);
    }

    public override void Reset() => _gain = 1f;

    protected override void OnConfigure() => Reset();

    protected override void OnParametersChanged()
    {
        _ceiling = MathF.Pow(10f, Value(0) / 20f);
        _release = MathF.Exp(-1f / (Value(1) / 1000f * SampleRate));
    }

    protected override void ProcessBlock(Span<float> block)
    {
        float g = _gain;
        float ceiling = _ceiling;
        float r = _release;
        for (int i = 0; i < block.Length; i++)
        {
            float x = block[i];
            float mag = MathF.Abs(x);
            float target = mag > ceiling ? ceiling / mag : 1f;
            g = target < g ? target : MathF.Min(target, 1f - ((1f - g) * r));
            block[i] = x * g;
        }

        _gain = g;
    }
}
