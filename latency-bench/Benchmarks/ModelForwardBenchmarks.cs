using BenchmarkDotNet.Attributes;
using RtDenoise.Engine.Model;
using RtDenoise.LatencyBench.Kernels;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// The shipped network's forward pass per ISA job (<see cref="IsaJobsConfig"/>): models/denoiser.rtm (packed, on the
/// dispatched kernel path) against models/denoiser-fp32.rtm (same shapes, TensorPrimitives.Dot per row, the
/// baseline), both through <see cref="DnnSpectralProcessor.Forward"/> as in <see cref="ModelForwardPass"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IsaJobsConfig))]
public class ModelForwardBenchmarks
{
    private DnnSpectralProcessor _packed = null!;
    private DnnSpectralProcessor _fp32 = null!;
    private float[] _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkEnvironment.Log();
        ModelForwardPass models = ModelForwardPass.Load(null, null);
        _packed = new DnnSpectralProcessor(models.Packed);
        _fp32 = new DnnSpectralProcessor(models.Fp32);
        _input = Fp32Baselines.Gaussian(new Random(7), models.Packed.FeatureCount, 1f);
    }

    [Benchmark(Baseline = true)]
    public float Fp32TensorPrimitives() => _fp32.Forward(_input)[0];

    [Benchmark]
    public float PackedDispatchedPath() => _packed.Forward(_input)[0];
}
