using System.Numerics.Tensors;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Engine.Model;

/// <summary>
/// The "dnn" spectral processor: <see cref="SpectralFeatures"/> of the current and past frames → fully connected
/// layers → per-bin gain g = (floor + (1 − floor)·σ(z))^γ. fp32 layers run through
/// <see cref="Fp32Linear"/>; quantized layers run straight from their packed codes through
/// <see cref="QuantizedLinear"/> (repacked once here, never expanded to float; each layer's kernel path timed and
/// pinned here by <see cref="KernelPlanner"/>, see <see cref="Plan"/>). Everything is allocated in the constructor; <see cref="ProcessFrame"/> allocates
/// nothing.
/// </summary>
public sealed class DnnSpectralProcessor : ISpectralProcessor
{
    private readonly RtmModel _model;
    private readonly SpectralFeatures _features;
    private readonly Fp32Linear?[] _fp32;
    private readonly QuantizedLinear?[] _quantized;
    private readonly int[] _inputs;
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly KernelPath _path;

    /// <summary>The quantized layers' paths are planned at load (<see cref="KernelPlanner.Default"/>: timed, or RTDENOISE_KERNEL).</summary>
    public DnnSpectralProcessor(RtmModel model)
        : this(model, (KernelPath?)null)
    {
    }

    /// <summary>
    /// As <see cref="DnnSpectralProcessor(RtmModel)"/>, with the quantized layers pinned to one kernel path
    /// (null = planned, as the one-argument constructor). Lets tests and benchmarks run every path in one process;
    /// throws <see cref="PlatformNotSupportedException"/> if this CPU (or a DOTNET_Enable* switch) rules the path out.
    /// </summary>
    public DnnSpectralProcessor(RtmModel model, KernelPath? kernelPath)
        : this(model, kernelPath, kernelPath is null ? KernelPlanner.Default : null)
    {
    }

    /// <summary>As <see cref="DnnSpectralProcessor(RtmModel)"/>, planned by <paramref name="planner"/> (tests inject its timer).</summary>
    public DnnSpectralProcessor(RtmModel model, KernelPlanner planner)
        : this(model, null, planner ?? throw new ArgumentNullException(nameof(planner)))
    {
    }

    private DnnSpectralProcessor(RtmModel model, KernelPath? pinned, KernelPlanner? planner)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (pinned is { } p && !KernelDispatch.IsSupported(p))
        {
            throw new PlatformNotSupportedException($"kernel path {KernelDispatch.Name(p)} is not supported on this CPU (or is disabled by a DOTNET_Enable* switch)");
        }

        _model = model;
        _features = new SpectralFeatures(model.Layout.Bins, model.Features, (double)model.Layout.Hop / model.SampleRate, model.Mean, model.Std);
        int count = model.Layers.Count;
        _fp32 = new Fp32Linear?[count];
        _quantized = new QuantizedLinear?[count];
        _inputs = new int[count];
        int widest = model.FeatureCount;
        var plan = new List<LayerPlan>();
        for (int i = 0; i < count; i++)
        {
            RtmLayer layer = model.Layers[i];
            _inputs[i] = layer.In;
            if (layer.IsQuantized)
            {
                QuantizedLinear q = CreateQuantized(layer, i);
                _quantized[i] = q;
                plan.Add(pinned is { } path ? KernelPlanner.Pinned(q, i, path) : planner!.Plan(q, i));
            }
            else
            {
                _fp32[i] = CreateFp32(layer);
            }

            widest = Math.Max(widest, layer.Out);
        }

        _a = new float[widest];
        _b = new float[widest];
        Plan = plan;
        _path = plan.Count > 0 ? plan[0].Path : pinned ?? KernelDispatch.Selected;
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

    /// <summary>The model's default attenuation limit (applied by the STFT stage, see <see cref="AttenuationLimit"/>).</summary>
    public float DefaultAttenuationLimitDb => _model.DefaultAttenuationLimitDb;

    public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
    {
        _features.Push(re, im, _a);
        ComputeGains(RunLayers()[..gains.Length], _model.GainFloor, _model.GainExponent, gains);
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

    /// <summary>The kernel path of the first quantized layer (the pinned path when the caller pinned one).</summary>
    public KernelPath KernelPath => _path;

    /// <summary>Per quantized layer: its kernel path, how it was chosen and the timed paths (empty when every layer is fp32).</summary>
    public IReadOnlyList<LayerPlan> Plan { get; }

    /// <summary>The kernel plan for the start-up log, one layer per clause (null when every layer is fp32).</summary>
    public string? QuantizedKernelPath => Plan.Count == 0 ? null
        : $"kernel plan: {string.Join("; ", Plan)}" + (KernelDispatch.OverrideWarning is { } w ? $" ({w})" : "");

    /// <summary>Runs the layers on the features in <c>_a</c>; returns the buffer holding the last layer's output.</summary>
    private Span<float> RunLayers()
    {
        Span<float> x = _a, y = _b;
        for (int i = 0; i < _inputs.Length; i++)
        {
            QuantizedLinear? q = _quantized[i];
            if (q is not null)
            {
                q.Forward(x[.._inputs[i]], y, 1, q.Path);
            }
            else
            {
                _fp32[i]!.Forward(x[.._inputs[i]], y);
            }

            Span<float> t = x;
            x = y;
            y = t;
        }

        return x;
    }

    private static Fp32Linear CreateFp32(RtmLayer layer)
    {
        (float[] w, float[] b) = layer.DecodeFp32();

        // The output layer's sigmoid is applied by ComputeGains (with the gain floor), so its layer returns the logit.
        Activation act = layer.Activation == Activation.Relu ? Activation.Relu : Activation.Linear;
        return new Fp32Linear(w, layer.Out, layer.In, b, act);
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
        Activation act = layer.Activation == Activation.Relu ? Activation.Relu : Activation.Linear;
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
