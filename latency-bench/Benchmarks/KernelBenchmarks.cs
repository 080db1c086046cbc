using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Kernels.Quantization;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// Packed matrix-vector kernels, batch 1: every format × bits × supported path × shape (320 cases at most;
/// <c>bench --filter *KernelBenchmarks*</c>). The full sweep takes BenchmarkDotNet hours on a shared 2-core
/// machine; <c>kernels --quick</c> is the sweep for a glance. GMAC/s = M·K / ns.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private QuantizedLinear _layer = null!;
    private float[] _x = null!;
    private float[] _y = null!;

    [Params("fixed", "vbs", "int", "lut")]
    public string Format { get; set; } = "vbs";

    [Params(2, 3, 4, 8)]
    public int Bits { get; set; }

    [ParamsSource(nameof(SupportedPaths))]
    public KernelPath Path { get; set; }

    [Params("257x512", "512x771", "512x512", "1024x1024")]
    public string Shape { get; set; } = "512x771";

    public static IEnumerable<KernelPath> SupportedPaths() => KernelDispatch.All.Where(KernelDispatch.IsSupported);

    [GlobalSetup]
    public void Setup()
    {
        (int m, int k) = ParseShape(Shape);
        var rng = new Random(1);
        float[] w = Fp32Benchmarks.Gaussian(rng, m * k, 0.05f);
        _x = Fp32Benchmarks.Gaussian(rng, k, 1f);
        _y = new float[m];
        _layer = new QuantizedLinear(Quantizer.Quantize(w, m, k, WeightFormat.Parse($"{Format}{Bits}")), new float[m], Activation.Relu);
    }

    [GlobalCleanup]
    public void Cleanup() => _layer.Dispose();

    [Benchmark]
    public void Packed() => _layer.Forward(_x, _y, 1, Path);

    internal static (int M, int K) ParseShape(string s)
    {
        string[] p = s.Split('x');
        return (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>fp32 baselines at the same shapes: TensorPrimitives.Dot per row, a 4-accumulator Vector512 loop, and Fp32Linear's selected path.</summary>
[MemoryDiagnoser]
public class Fp32Benchmarks
{
    private float[] _w = null!;
    private float[] _x = null!;
    private float[] _y = null!;
    private Fp32Linear _layer = null!;
    private int _k;

    [Params("257x512", "512x771", "512x512", "1024x1024")]
    public string Shape { get; set; } = "512x771";

    [GlobalSetup]
    public void Setup()
    {
        (int m, int k) = KernelBenchmarks.ParseShape(Shape);
        var rng = new Random(1);
        _k = k;
        _w = Gaussian(rng, m * k, 0.05f);
        _x = Gaussian(rng, k, 1f);
        _y = new float[m];
        _layer = new Fp32Linear(_w, m, k, new float[m], Activation.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _layer.Dispose();

    [Benchmark(Baseline = true)]
    public void TensorPrimitivesDotPerRow()
    {
        for (int r = 0; r < _y.Length; r++)
        {
            _y[r] = TensorPrimitives.Dot(_w.AsSpan(r * _k, _k), _x);
        }
    }

    [Benchmark]
    public void Vector512FourAccumulators()
    {
        for (int r = 0; r < _y.Length; r++)
        {
            ReadOnlySpan<float> row = _w.AsSpan(r * _k, _k);
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            int i = 0;
            for (; i + 64 <= _k; i += 64)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i, 16)), Vector512.Create(_x.AsSpan(i, 16)), a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 16, 16)), Vector512.Create(_x.AsSpan(i + 16, 16)), a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 32, 16)), Vector512.Create(_x.AsSpan(i + 32, 16)), a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 48, 16)), Vector512.Create(_x.AsSpan(i + 48, 16)), a3);
            }

            float s = Vector512.Sum((a0 + a1) + (a2 + a3));
            for (; i < _k; i++)
            {
                s += row[i] * _x[i];
            }

            _y[r] = s;
        }
    }

    [Benchmark]
    public void Fp32LinearSelectedPath() => _layer.Forward(_x, _y);

    internal static float[] Gaussian(Random rng, int n, float std)
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
