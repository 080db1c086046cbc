using System.Numerics.Tensors;

namespace RtDenoise.Engine.Chain;

/// <summary><c>gain:DB</c>: a constant gain in dB (no smoothing: changes apply at the next block).</summary>
public sealed class GainProcessor : AudioProcessorBase
{
    public const string GainParameter = "gain_db";
    private float _linear = 1f;

    public GainProcessor(float gainDb)
        : base("gain", new ProcessorParameter(GainParameter, -120f, 60f, 0f, "dB"))
    {
        if (!float.IsFinite(gainDb) || gainDb < -120f || gainDb > 60f)
        {
            throw new InvalidChainSpecException($"gain: '{gainDb}' dB is outside -120..60 dB.");
        }

        SetParameter(GainParameter, gainDb);
    }

    public override void Reset()
    {
    }

    protected override void OnConfigure()
    {
    }

    protected override void OnParametersChanged() => _linear = MathF.Pow(10f, Value(0) / 20f);

    protected override void ProcessBlock(Span<float> block)
    {
        if (_linear != 1f)
        {
            TensorPrimitives.Multiply(block, _linear, block);
        }
    }
}
