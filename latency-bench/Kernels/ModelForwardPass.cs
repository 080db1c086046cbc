using System.Globalization;
using RtDenoise.Engine;
using RtDenoise.Engine.Model;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.LatencyBench.Kernels;

/// <summary>
/// The shipped network's forward pass (issue 5's "whole network ≥ 2.5× faster than fp32" goal): the packed model
/// (default models/denoiser.rtm) through <see cref="DnnSpectralProcessor.Forward"/> pinned to each supported kernel
/// path — the very layers, activation quantization and epilogue the denoiser runs per frame — against its float
/// reference (default models/denoiser-fp32.rtm, same layer shapes) through the same method, whose fp32 layers are
/// <see cref="Fp32Linear"/>: one TensorPrimitives.Dot per row. Only the layers are timed (features and gains
/// are outside both); the input is a seeded N(0, 1) vector, as the features are normalised. Last, the processor as
/// a denoiser builds it (each layer's path planned at load by <see cref="KernelPlanner"/>): its plan, one
/// <c>"format":"plan"</c> line per layer with the planner's own per-path timings, then its time as path "planned".
/// </summary>
public sealed class ModelForwardPass
{
    private ModelForwardPass(RtmModel packed, RtmModel fp32)
    {
        Packed = packed;
        Fp32 = fp32;
    }

    public RtmModel Packed { get; }

    public RtmModel Fp32 { get; }

    /// <summary>Multiply-accumulates per pass: Σ In·Out over the layers.</summary>
    public long Macs => Packed.Layers.Sum(l => (long)l.In * l.Out);

    public string Shape => string.Join('-', Packed.Layers.Select(l => l.In).Append(Packed.Layers[^1].Out));

    /// <summary>
    /// Loads both models: <paramref name="packedPath"/> (null = denoiser.rtm where <see cref="ModelLocator"/>
    /// looks) and <paramref name="fp32Path"/> (null = denoiser-fp32.rtm beside the packed model, else where the
    /// locator looks). Throws <see cref="InvalidModelException"/> (exit 2) if a file is missing or unreadable, the
    /// packed model has no quantized layer, the reference has a non-fp32 layer, or their layer shapes differ.
    /// </summary>
    public static ModelForwardPass Load(string? packedPath, string? fp32Path)
    {
        string packedFile = packedPath ?? Find("denoiser.rtm", null);
        string fp32File = fp32Path ?? Find("denoiser-fp32.rtm", Path.GetDirectoryName(Path.GetFullPath(packedFile)));
        RtmModel packed = RtmModel.Load(packedFile);
        RtmModel fp32 = RtmModel.Load(fp32File);
        if (!packed.Layers.Any(l => l.IsQuantized))
        {
            throw new InvalidModelException($"{packedFile}: every layer is fp32; the packed-kernel pass needs a quantized model (pass --model PATH).");
        }

        if (fp32.Layers.FirstOrDefault(l => l.IsQuantized) is { } q)
        {
            throw new InvalidModelException($"{fp32File}: layer {q.In}→{q.Out} is {q.Format}; the fp32 baseline needs an all-fp32 model (pass --fp32-model PATH).");
        }

        string Shapes(RtmModel m) => string.Join(", ", m.Layers.Select(l => $"{l.In}→{l.Out}"));
        if (Shapes(packed) != Shapes(fp32))
        {
            throw new InvalidModelException(
                $"{packedFile} has layers {Shapes(packed)} but {fp32File} has {Shapes(fp32)}; the fp32 baseline must be the same network (pass --fp32-model PATH).");
        }

        return new ModelForwardPass(packed, fp32);
    }

    /// <summary>Times the fp32 reference, then every supported path; one line each (JSON or text).</summary>
    public void Run(bool json, double batchMs, int batches)
    {
        float[] input = Fp32Baselines.Gaussian(new Random(7), Packed.FeatureCount, 1f);
        var fp = new DnnSpectralProcessor(Fp32);
        double fpNs = CallTimer.Time(() => fp.Forward(input), batchMs, batches);
        Emit(json, Fp32, "tensorprimitives-dot", fpNs, fpNs);
        foreach (KernelPath path in KernelDispatch.All.Where(KernelDispatch.IsSupported))
        {
            var packed = new DnnSpectralProcessor(Packed, path);
            double ns = CallTimer.Time(() => packed.Forward(input), batchMs, batches);
            Emit(json, Packed, KernelDispatch.Name(path), ns, fpNs);
        }

        // What a denoiser gets: the load-time plan (issue 15), printed per layer, then timed like the pinned paths.
        var planned = new DnnSpectralProcessor(Packed);
        foreach (LayerPlan layer in planned.Plan)
        {
            EmitPlan(json, layer);
        }

        Emit(json, Packed, "planned", CallTimer.Time(() => planned.Forward(input), batchMs, batches), fpNs);
    }

    private void EmitPlan(bool json, LayerPlan layer)
    {
        string file = Path.GetFileName(Packed.Source);
        string timings = string.Join(',', layer.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"\"{KernelDispatch.Name(t.Path)}\":{t.Nanoseconds:F0}")));
        Console.WriteLine(json
            ? string.Create(CultureInfo.InvariantCulture,
                $"{{\"format\":\"plan\",\"model\":\"{file}\",\"layer\":{layer.Layer},\"in\":{layer.Cols},\"out\":{layer.Rows},\"weights\":\"{layer.Format}\",\"path\":\"{KernelDispatch.Name(layer.Path)}\",\"source\":\"{layer.SourceText}\",\"ns\":{{{timings}}}}}")
            : $"plan {file} {layer}");
    }

    private void Emit(bool json, RtmModel model, string path, double ns, double fp32Ns)
    {
        string file = Path.GetFileName(model.Source);
        string weights = string.Join(',', model.Layers.Select(l => l.Format));
        long macs = Macs;
        Console.WriteLine(json
            ? string.Create(CultureInfo.InvariantCulture,
                $"{{\"format\":\"model\",\"model\":\"{file}\",\"layers\":\"{Shape}\",\"weights\":\"{weights}\",\"path\":\"{path}\",\"macs\":{macs},\"ns\":{ns:F0},\"gmacs\":{macs / ns:F2},\"speedup_vs_fp32_tensorprimitives\":{fp32Ns / ns:F2}}}")
            : string.Create(CultureInfo.InvariantCulture,
                $"model {file} {Shape} {weights} {path} macs={macs} {ns:F0} ns {macs / ns:F2} GMAC/s x{fp32Ns / ns:F2} vs fp32"));
    }

    private static string Find(string fileName, string? preferredDirectory)
    {
        IEnumerable<string> candidates = ModelLocator.DefaultCandidates().Where(p => Path.GetFileName(p) == fileName);
        if (preferredDirectory is not null)
        {
            candidates = candidates.Prepend(Path.Combine(preferredDirectory, fileName));
        }

        List<string> list = candidates.Distinct().ToList();
        return list.FirstOrDefault(File.Exists)
            ?? throw new InvalidModelException($"no model file: none of {string.Join(", ", list)} exists; pass --model PATH / --fp32-model PATH.");
    }
}
