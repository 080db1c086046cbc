using System.Numerics.Tensors;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Kernels.MatVec.Planning;
using RtDenoise.Kernels.Quantization;

namespace RtDenoise.Engine.Model;

/// <summary>
/// The "dnn" spectral processor: <see cref="SpectralFeatures"/> of the current and past frames → fully connected
/// layers → per-bin gain g = (floor + (1 − floor)·σ(z))^γ (design §3). fp32 layers run through
/// <see cref="DenseLayerFp32"/>; quantized layers run straight from their packed codes through
/// <see cref="QuantizedLinear"/> (repacked once here, never expanded to float; kernel path chosen by
/// <see cref="KernelDispatch"/>). Everything is allocated in the constructor; <see cref="ProcessFrame"/> allocates
/// nothing.
/// </summary>
public sealed class DnnSpectralProcessor : ISpectralProcessor
{
    private readonly RtmModel _model;
    private readonly SpectralFeatures _features;
    private readonly DenseLayerFp32?[] _fp32;
    private readonly QuantizedLinear?[] _quantized;
    private readonly int[] _inputs;
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly KernelPath _path;
    private readonly KernelPath[] _paths;
    private readonly LayerPlan?[] _plans;
    private float _attenuationLimitDb;
    private float _minGain;

    public DnnSpectralProcessor(RtmModel model)
        : this(model, null)
    {
    }

    /// <summary>
    /// As <see cref="DnnSpectralProcessor(RtmModel)"/>, with the quantized layers pinned to one kernel path
    /// (null = each layer's path planned by <see cref="KernelPlanner"/>: measured at construction, or
    /// <c>RTDENOISE_KERNEL</c>'s). Lets tests and benchmarks run every path in one process; throws
    /// <see cref="PlatformNotSupportedException"/> if this CPU (or a DOTNET_Enable* switch) rules the path out.
    /// </summary>
    public DnnSpectralProcessor(RtmModel model, KernelPath? kernelPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        _path = kernelPath ?? KernelDispatch.Selected;
        if (!KernelDispatch.IsSupported(_path))
        {
            throw new PlatformNotSupportedException($"kernel path {KernelDispatch.Name(_path)} is not supported on this CPU (or is disabled by a DOTNET_Enable* switch)");
        }

        _model = model;
        _features = new SpectralFeatures(model.Layout.Bins, model.Features, (double)model.Layout.Hop / model.SampleRate, model.Mean, model.Std);
        AttenuationLimitDb = model.DefaultAttenuationLimitDb;
        int count = model.Layers.Count;
        _fp32 = new DenseLayerFp32?[count];
        _quantized = new QuantizedLinear?[count];
        _inputs = new int[count];
        int widest = model.FeatureCount;
        for (int i = 0; i < count; i++)
        {
            RtmLayer layer = model.Layers[i];
            _inputs[i] = layer.In;
            if (layer.IsQuantized)
            {
                _quantized[i] = CreateQuantized(layer, i);
            }
            else
            {
                _fp32[i] = new DenseLayerFp32(layer);
            }

            widest = Math.Max(widest, layer.Out);
        }

        _a = new float[widest];
        _b = new float[widest];
        _paths = new KernelPath[count];
        _plans = new LayerPlan?[count];
        for (int i = 0; i < count; i++)
        {
            if (_quantized[i] is { } q)
            {
                _plans[i] = kernelPath is KernelPath pinned ? new LayerPlan(pinned, "pinned by the caller", []) : KernelPlanner.PlanCached(q);
                _paths[i] = _plans[i]!.Path;
            }
        }
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

    /// <summary>
    /// The user's attenuation limit in dB: no bin's gain goes below 10^(−limit/20) (applied after the mask, so the
    /// trained floor still shapes the gain above it). 100 or more = no limit; NaN is ignored (no limit). Starts at
    /// the model's <see cref="RtmModel.DefaultAttenuationLimitDb"/>; may be changed between frames (a plugin port).
    /// </summary>
    public float AttenuationLimitDb
    {
        get => _attenuationLimitDb;
        set
        {
            _attenuationLimitDb = value;
            _minGain = float.IsNaN(value) || value >= RtmFormat.NoAttenuationLimitDb ? 0f : MathF.Pow(10f, -Math.Max(value, 0f) / 20f);
        }
    }

    public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
    {
        _features.Push(re, im, _a);
        ComputeGains(RunLayers()[..gains.Length], _model.GainFloor, _model.GainExponent, gains);
        if (_minGain > 0f)
        {
            TensorPrimitives.Max(gains, _minGain, gains);
        }
    }

    /// <summary>
    /// The network's layers alone: <paramref name="features"/> (<see cref="RtmModel.FeatureCount"/> normalised
    /// features) → the last layer's linear logits, exactly as <see cref="ProcessFrame"/> runs them (same kernels,
    /// same activation quantization). For benchmarks and tests; allocation-free. The returned span is this
    /// processor's scratch, overwritten by the next call.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> features)
    {
        if (features.Length != _model.FeatureCount)
        {
            throw new ArgumentException($"the model takes {_model.FeatureCount} features, got {features.Length}.", nameof(features));
        }

        features.CopyTo(_a);
        return RunLayers()[.._model.Layers[^1].Out];
    }

    public void Reset() => _features.Reset();

    /// <summary>The kernel path the quantized layers run on.</summary>
    public KernelPath KernelPath => _path;

    /// <summary>Each quantized layer's kernel plan (null for fp32 layers).</summary>
    public IReadOnlyList<LayerPlan?> KernelPlan => _plans;

    /// <summary>The kernel plan for the start-up log, one clause per quantized layer (null when every layer is fp32).</summary>
    public string? QuantizedKernelPath => !_quantized.Any(q => q is not null) ? null
        : "kernel plan: " + string.Join("; ", _plans.Select((p, i) => p is null ? null : $"layer {i} {p.Describe()}").OfType<string>());

    /// <summary>Runs the layers on the features in <c>_a</c>; returns the buffer holding the last layer's output.</summary>
    private Span<float> RunLayers()
    {
        Span<float> x = _a, y = _b;
        for (int i = 0; i < _inputs.Length; i++)
        {
            QuantizedLinear? q = _quantized[i];
            if (q is not null)
            {
                q.Forward(x[.._inputs[i]], y, 1, _paths[i]);
            }
            else
            {
                _fp32[i]!.Forward(x, y);
            }

            Span<float> t = x;
            x = y;
            y = t;
        }

        return x;
    }

    private QuantizedLinear CreateQuantized(RtmLayer layer, int index)
    {
        (QuantizedMatrix weights, float[] bias) decoded;
        try
        {
            decoded = layer.DecodeQuantized();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidModelException($"{_model.Source}: layer {index}: {ex.Message}.", ex);
        }

        // The output layer's sigmoid is applied by ComputeGains, so its kernel returns the linear logit.
        Activation act = layer.Activation == LayerActivation.Relu ? Activation.Relu : Activation.None;
        return new QuantizedLinear(decoded.weights, decoded.bias, act, maxBatch: 1);
    }

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
