using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Text;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Kernels.Quantization;

namespace RtDenoise.LatencyBench.Kernels;

/// <summary>
/// <c>latency-bench kernels [--quick] [--json]</c>: times every format × bits × path × shape of the packed
/// matrix-vector kernels (batch 1), the fp32 baselines, and a synthetic network forward pass, on one thread.
/// Each figure is the fastest of several timed batches (thread CPU time) after a warm-up; GMAC/s counts the real M·K only.
/// --quick uses short batches (a glance in seconds); without it batches are 10× longer.
/// </summary>
public static class KernelsCommand
{
    private static readonly (int M, int K)[] Shapes = [(257, 512), (512, 771), (512, 512), (1024, 1024)];

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick"), json = args.Contains("--json");
        double batchMs = quick ? 2 : 20;
        int batches = quick ? 7 : 15;
        var paths = KernelDispatch.All.Where(KernelDispatch.IsSupported).ToArray();
        if (!json)
        {
            Console.WriteLine($"# {KernelDispatch.Description}; vector512 accelerated: {Vector512.IsHardwareAccelerated}");
            Console.WriteLine("format bits path m k ns gmacs");
        }

        var rng = new Random(42);
        foreach ((int m, int k) in Shapes)
        {
            float[] w = Gaussian(rng, m * k, 0.05f);
            float[] bias = Gaussian(rng, m, 0.1f);
            float[] x = Gaussian(rng, k, 1f);
            var y = new float[m];
            foreach (string family in new[] { "fixed", "vbs", "int", "lut" })
            {
                foreach (int bits in new[] { 2, 3, 4, 8 })
                {
                    QuantizedMatrix q = Quantizer.Quantize(w, m, k, WeightFormat.Parse($"{family}{bits}"));
                    using var layer = new QuantizedLinear(q, bias, Activation.Relu);
                    foreach (KernelPath path in paths)
                    {
                        double ns = Time(() => layer.Forward(x, y, 1, path), batchMs, batches);
                        Emit(json, family, bits, KernelDispatch.Name(path), m, k, ns);
                    }
                }
            }

            using var fp = new Fp32Linear(w, m, k, bias, Activation.Relu);
            foreach (KernelPath path in paths)
            {
                Emit(json, "fp32", 32, KernelDispatch.Name(path), m, k, Time(() => fp.Forward(x, y, 1, path), batchMs, batches));
            }

            Emit(json, "fp32", 32, "tensorprimitives-dot", m, k, Time(() => TensorPrimitivesRows(w, x, y, k), batchMs, batches));
            Emit(json, "fp32", 32, "vector512-4acc", m, k, Time(() => Vector512Rows(w, x, y, k), batchMs, batches));
        }

        ModelPass(json, batchMs, batches);
        return 0;
    }

    /// <summary>
    /// The design's first-guess network (1032→512→512→129, ReLU, sigmoid out), every layer in one format,
    /// against the same network through TensorPrimitives.Dot per row. Synthetic weights: no model is shipped yet.
    /// </summary>
    private static void ModelPass(bool json, double batchMs, int batches)
    {
        int[] dims = [1032, 512, 512, 129];
        var rng = new Random(7);
        var weights = new float[3][];
        var biases = new float[3][];
        for (int l = 0; l < 3; l++)
        {
            weights[l] = Gaussian(rng, dims[l + 1] * dims[l], 0.05f);
            biases[l] = Gaussian(rng, dims[l + 1], 0.1f);
        }

        float[] input = Gaussian(rng, dims[0], 1f);
        float[][] acts = [new float[512], new float[512], new float[129]];
        long macs = 0;
        for (int l = 0; l < 3; l++)
        {
            macs += (long)dims[l] * dims[l + 1];
        }

        double fpNs = Time(() =>
        {
            ReadOnlySpan<float> a = input;
            for (int l = 0; l < 3; l++)
            {
                TensorPrimitivesRows(weights[l], a, acts[l], dims[l]);
                for (int i = 0; i < acts[l].Length; i++)
                {
                    float v = acts[l][i] + biases[l][i];
                    acts[l][i] = l == 2 ? 1f / (1f + MathF.Exp(-v)) : MathF.Max(v, 0);
                }

                a = acts[l];
            }
        }, batchMs, batches);
        EmitModel(json, "fp32", "tensorprimitives-dot", macs, fpNs, fpNs);

        foreach (string format in new[] { "vbs4", "vbs3", "int4", "lut3", "fixed8" })
        {
            var layers = new QuantizedLinear[3];
            for (int l = 0; l < 3; l++)
            {
                QuantizedMatrix q = Quantizer.Quantize(weights[l], dims[l + 1], dims[l], WeightFormat.Parse(format));
                layers[l] = new QuantizedLinear(q, biases[l], l == 2 ? Activation.Sigmoid : Activation.Relu);
            }

            foreach (KernelPath path in KernelDispatch.All.Where(KernelDispatch.IsSupported).Where(p => p != KernelPath.Scalar))
            {
                double ns = Time(() =>
                {
                    layers[0].Forward(input, acts[0], 1, path);
                    layers[1].Forward(acts[0], acts[1], 1, path);
                    layers[2].Forward(acts[1], acts[2], 1, path);
                }, batchMs, batches);
                EmitModel(json, format, KernelDispatch.Name(path), macs, ns, fpNs);
            }

            foreach (QuantizedLinear layer in layers)
            {
                layer.Dispose();
            }
        }
    }

    private static void TensorPrimitivesRows(float[] w, ReadOnlySpan<float> x, float[] y, int k)
    {
        for (int r = 0; r < y.Length; r++)
        {
            y[r] = TensorPrimitives.Dot(w.AsSpan(r * k, k), x);
        }
    }

    /// <summary>The plain 4-accumulator Vector512 loop (software-emulated where Vector512 is not accelerated).</summary>
    private static void Vector512Rows(float[] w, float[] x, float[] y, int k)
    {
        for (int r = 0; r < y.Length; r++)
        {
            ReadOnlySpan<float> row = w.AsSpan(r * k, k);
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            int i = 0;
            for (; i + 64 <= k; i += 64)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i, 16)), Vector512.Create(x.AsSpan(i, 16)), a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 16, 16)), Vector512.Create(x.AsSpan(i + 16, 16)), a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 32, 16)), Vector512.Create(x.AsSpan(i + 32, 16)), a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 48, 16)), Vector512.Create(x.AsSpan(i + 48, 16)), a3);
            }

            float s = Vector512.Sum((a0 + a1) + (a2 + a3));
            for (; i < k; i++)
            {
                s += row[i] * x[i];
            }

            y[r] = s;
        }
    }

    /// <summary>
    /// Per-call time in ns: the fastest of several timed batches, on the thread's CPU clock (see
    /// <see cref="ThreadCpuClock"/>) so that other processes sharing the core do not inflate it.
    /// </summary>
    private static double Time(Action call, double batchMs, int batches)
    {
        var sw = Stopwatch.StartNew();
        int calls = 0;
        while (sw.Elapsed.TotalMilliseconds < Math.Max(20, batchMs) || calls < 50)
        {
            call();
            calls++;
        }

        double perCallMs = sw.Elapsed.TotalMilliseconds / calls;
        int n = Math.Max(1, (int)(batchMs / perCallMs));
        double best = double.PositiveInfinity;
        for (int b = 0; b < batches; b++)
        {
            long t0 = ThreadCpuClock.NowNs();
            for (int i = 0; i < n; i++)
            {
                call();
            }

            best = Math.Min(best, (double)(ThreadCpuClock.NowNs() - t0) / n);
        }

        return best;
    }

    private static void Emit(bool json, string format, int bits, string path, int m, int k, double ns)
    {
        double gmacs = (double)m * k / ns;
        Console.WriteLine(json
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"format\":\"{format}\",\"bits\":{bits},\"path\":\"{path}\",\"m\":{m},\"k\":{k},\"ns\":{ns:F0},\"gmacs\":{gmacs:F2}}}")
            : string.Create(CultureInfo.InvariantCulture, $"{format} {bits} {path} {m} {k} {ns:F0} {gmacs:F2}"));
    }

    private static void EmitModel(bool json, string weights, string path, long macs, double ns, double fp32Ns)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"{{\"format\":\"model\",\"model\":\"synthetic 1032-512-512-129\",\"weights\":\"{weights}\",\"path\":\"{path}\",\"macs\":{macs},\"ns\":{ns:F0},\"gmacs\":{macs / ns:F2},\"speedup_vs_fp32_tensorprimitives\":{fp32Ns / ns:F2}}}");
        Console.WriteLine(json ? sb.ToString() : string.Create(CultureInfo.InvariantCulture, $"model {weights} {path} macs={macs} {ns:F0} ns {macs / ns:F2} GMAC/s x{fp32Ns / ns:F2} vs fp32"));
    }

    private static float[] Gaussian(Random rng, int n, float std)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            v[i] = (float)(std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return v;
    }
}
