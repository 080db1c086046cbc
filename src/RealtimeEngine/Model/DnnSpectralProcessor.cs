using System.Numerics.Tensors;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Model;

/// <summary>
/// The "dnn" spectral processor: <see cref="SpectralFeatures"/> of the current and past frames → fully connected
/// layers → per-bin gain g = (floor + (1 − floor)·σ(z))^γ (design §3). Everything is allocated in the constructor;
/// <see cref="ProcessFrame"/> allocates nothing.
/// </summary>
public sealed class DnnSpectralProcessor : ISpectralProcessor
{
    private readonly RtmModel _model;
    private readonly SpectralFeatures _features;
    private readonly DenseLayerFp32[] _layers;
    private readonly float[] _a;
    private readonly float[] _b;

    public DnnSpectralProcessor(RtmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _features = new SpectralFeatures(model.Layout.Bins, model.ContextFrames, model.Mean, model.Std);
        _layers = new DenseLayerFp32[model.Layers.Count];
        int widest = model.FeatureCount;
        for (int i = 0; i < _layers.Length; i++)
        {
            RtmLayer layer = model.Layers[i];
            if (layer.Format != RtmFormat.FormatFp32)
            {
                throw new InvalidModelException(
                    $"{model.Source}: layer {i} has weight format '{layer.Format}', which this processor does not run (it runs fp32).");
            }

            _layers[i] = new DenseLayerFp32(layer);
            widest = Math.Max(widest, layer.Out);
        }

        _a = new float[widest];
        _b = new float[widest];
    }

    public string Name => "dnn";

    public RtmModel Model => _model;

    public void Configure(StftLayout layout)
    {
        if (layout != _model.Layout)
        {
            throw new ArgumentException($"the model was trained for STFT {_model.Layout}, not {layout}.", nameof(layout));
        }

        Reset();
    }

    public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
    {
        _features.Push(re, im, _a);
        Span<float> x = _a, y = _b;
        foreach (DenseLayerFp32 layer in _layers)
        {
            layer.Forward(x, y);
            Span<float> t = x;
            x = y;
            y = t;
        }

        ComputeGains(x[..gains.Length], _model.GainFloor, _model.GainExponent, gains);
    }

    public void Reset() => _features.Reset();

    /// <summary>g = (floor + (1 − floor)·σ(z))^γ: the output kind 1 mapping, shared with the trainer (γ = 1 there).</summary>
    public static void ComputeGains(ReadOnlySpan<float> logits, float floor, float exponent, Span<float> gains)
    {
        TensorPrimitives.Sigmoid(logits, gains);
        TensorPrimitives.Multiply(gains, 1f - floor, gains);
        TensorPrimitives.Add(gains, floor, gains);
        if (exponent != 1f)
        {
            TensorPrimitives.Pow(gains, exponent, gains);
        }
    }
}
