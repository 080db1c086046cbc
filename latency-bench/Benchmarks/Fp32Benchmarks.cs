using BenchmarkDotNet.Attributes;
using RtDenoise.Kernels.MatVec;
using RtDenoise.LatencyBench.Kernels;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// fp32 baselines at the kernel shapes, per ISA job: TensorPrimitives.Dot per row, a 4-accumulator Vector512 loop
/// (software-emulated without AVX-512), and Fp32Linear (the model's fp32 layer: the first plus the bias).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IsaJobsConfig))]
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
        BenchmarkEnvironment.Log();
        (int m, int k) = KernelBenchmarks.ParseShape(Shape);
        var rng = new Random(1);
        _k = k;
        _w = Fp32Baselines.Gaussian(rng, m * k, 0.05f);
        _x = Fp32Baselines.Gaussian(rng, k, 1f);
        _y = new float[m];
        _layer = new Fp32Linear(_w, m, k, new float[m], Activation.Linear);
    }

    [Benchmark(Baseline = true)]
    public void TensorPrimitivesDotPerRow() => Fp32Baselines.TensorPrimitivesRows(_w, _x, _y, _k);

    [Benchmark]
    public void Vector512FourAccumulators() => Fp32Baselines.Vector512Rows(_w, _x, _y, _k);

    [Benchmark]
    public void Fp32LinearLayer() => _layer.Forward(_x, _y);
}
