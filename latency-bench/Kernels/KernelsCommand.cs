using System.CommandLine;
using System.Globalization;
using System.Runtime.Intrinsics;
using RtDenoise.Engine;
using RtDenoise.Engine.Model;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.LatencyBench.Kernels;

/// <summary>
/// <c>latency-bench kernels [--quick] [--json] [--model PATH] [--fp32-model PATH] [--model-only]</c>: times every
/// format × bits × path × shape of the packed matrix-vector kernels (batch 1) and the fp32 baselines, then the
/// shipped model's forward pass per path against its fp32 reference (<see cref="ModelForwardPass"/>), on one
/// thread. Each figure is the fastest of several timed batches (thread CPU time, <see cref="CallTimer"/>) after a
/// warm-up; GMAC/s counts the real M·K only. --quick uses short batches (a glance); without it batches are 10×
/// longer. Exit codes: 0 ok, 2 bad input (missing or unsuitable model file).
/// </summary>
public static class KernelsCommand
{
    private static readonly (int M, int K)[] Shapes = [(257, 512), (512, 771), (512, 512), (1024, 1024)];

    public static Command Create()
    {
        Option<bool> quick = new("--quick") { Description = "Short timing batches: a glance in about a minute, not minutes." };
        Option<bool> json = new("--json") { Description = "One JSON line per (format, bits, path, shape) and per model pass." };
        Option<FileInfo?> model = new("--model") { Description = "Packed model for the forward-pass lines (default: models/denoiser.rtm)." };
        Option<FileInfo?> fp32Model = new("--fp32-model") { Description = "Its fp32 reference, same layer shapes (default: denoiser-fp32.rtm beside the packed model)." };
        Option<bool> modelOnly = new("--model-only") { Description = "Only the model forward-pass lines (skip the per-shape sweep)." };
        Command command = new("kernels", "Packed matrix-vector kernels and the shipped model's forward pass, per kernel path.");
        foreach (Option o in new Option[] { quick, json, model, fp32Model, modelOnly })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                return Run(parse.GetValue(quick), parse.GetValue(json), parse.GetValue(model)?.FullName,
                    parse.GetValue(fp32Model)?.FullName, parse.GetValue(modelOnly));
            }
            catch (InvalidModelException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static int Run(bool quick, bool json, string? modelPath, string? fp32Path, bool modelOnly)
    {
        // Load (and validate) the models before minutes of sweeping, so a bad path fails at once.
        ModelForwardPass pass = ModelForwardPass.Load(modelPath, fp32Path);
        double batchMs = quick ? 2 : 20;
        int batches = quick ? 7 : 15;
        if (!json)
        {
            Console.WriteLine($"# {KernelDispatch.Description}; vector512 accelerated: {Vector512.IsHardwareAccelerated}");
            Console.WriteLine("format bits path m k ns gmacs");
        }

        if (!modelOnly)
        {
            Sweep(json, batchMs, batches);
        }

        pass.Run(json, batchMs, batches);
        return 0;
    }

    private static void Sweep(bool json, double batchMs, int batches)
    {
        var paths = KernelDispatch.All.Where(KernelDispatch.IsSupported).ToArray();
        var rng = new Random(42);
        foreach ((int m, int k) in Shapes)
        {
            float[] w = Fp32Baselines.Gaussian(rng, m * k, 0.05f);
            float[] bias = Fp32Baselines.Gaussian(rng, m, 0.1f);
            float[] x = Fp32Baselines.Gaussian(rng, k, 1f);
            var y = new float[m];
            foreach (string family in new[] { "fixed", "vbs", "int", "lut" })
            {
                foreach (int bits in new[] { 2, 3, 4, 8 })
                {
                    QuantizedMatrix q = Quantizer.Quantize(w, m, k, WeightFormat.Parse($"{family}{bits}"));
                    using var layer = new QuantizedLinear(q, bias, Activation.Relu);
                    foreach (KernelPath path in paths)
                    {
                        double ns = CallTimer.Time(() => layer.Forward(x, y, 1, path), batchMs, batches);
                        Emit(json, family, bits, KernelDispatch.Name(path), m, k, ns);
                    }
                }
            }

            // The model's fp32 layer (TensorPrimitives.Dot per row, bias, ReLU) and the bare dot loop it is made of.
            var fp = new Fp32Linear(w, m, k, bias, Activation.Relu);
            Emit(json, "fp32", 32, "fp32linear", m, k, CallTimer.Time(() => fp.Forward(x, y), batchMs, batches));
            Emit(json, "fp32", 32, "tensorprimitives-dot", m, k, CallTimer.Time(() => Fp32Baselines.TensorPrimitivesRows(w, x, y, k), batchMs, batches));
            Emit(json, "fp32", 32, "vector512-4acc", m, k, CallTimer.Time(() => Fp32Baselines.Vector512Rows(w, x, y, k), batchMs, batches));
        }
    }

    private static void Emit(bool json, string format, int bits, string path, int m, int k, double ns)
    {
        double gmacs = (double)m * k / ns;
        Console.WriteLine(json
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"format\":\"{format}\",\"bits\":{bits},\"path\":\"{path}\",\"m\":{m},\"k\":{k},\"ns\":{ns:F0},\"gmacs\":{gmacs:F2}}}")
            : string.Create(CultureInfo.InvariantCulture, $"{format} {bits} {path} {m} {k} {ns:F0} {gmacs:F2}"));
    }
}
