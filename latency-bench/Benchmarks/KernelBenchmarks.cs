using BenchmarkDotNet.Attributes;
using RtDenoise.Kernels.MatVec;
using RtDenoise.LatencyBench.Kernels;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// Packed matrix-vector kernels, batch 1: every format × bits × shape (64 cases) on the path the dispatcher picks in
/// each ISA job (<see cref="IsaJobsConfig"/>: default → avx2 here, AVX2 off → vector128, intrinsics off → scalar).
/// <c>bench --filter '*KernelBenchmarks*'</c>; the full sweep is 256 benchmarks (hours on a shared 2-core machine),
/// <c>kernels --quick</c> is the glance. GMAC/s = M·K / ns.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IsaJobsConfig))]
public class KernelBenchmarks
{
    private QuantizedLinear _layer = null!;
    private float[] _x = null!;
    private float[] _y = null!;

    [Params("fixed", "vbs", "int", "lut")]
    public string Format { get; set; } = "vbs";

    [Params(2, 3, 4, 8)]
    public int Bits { get; set; } = 4;

    [Params("257x512", "512x771", "512x512", "1024x1024")]
    public string Shape { get; set; } = "512x771";

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkEnvironment.Log();
        (int m, int k) = ParseShape(Shape);
        var rng = new Random(1);
        float[] w = Fp32Baselines.Gaussian(rng, m * k, 0.05f);
        _x = Fp32Baselines.Gaussian(rng, k, 1f);
        _y = new float[m];
        _layer = new QuantizedLinear(Quantizer.Quantize(w, m, k, WeightFormat.Parse($"{Format}{Bits}")), new float[m], Activation.Relu);
    }

    [GlobalCleanup]
    public void Cleanup() => _layer.Dispose();

    [Benchmark]
    public void Packed() => _layer.Forward(_x, _y);

    internal static (int M, int K) ParseShape(string s)
    {
        string[] p = s.Split('x');
        return (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
