using System.Numerics;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.IntegralTransforms;
using RtDenoise.Kernels.Fft;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>Our allocation-free real FFT against MathNet.Numerics' ForwardReal (the reference).</summary>
[MemoryDiagnoser]
public class FftBenchmarks
{
    private RealFft _fft = null!;
    private float[] _x = null!;
    private float[] _re = null!;
    private float[] _im = null!;
    private float[] _back = null!;
    private double[] _mathNet = null!;
    private double[] _mathNetSource = null!;

    [Params(256, 512, 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _fft = new RealFft(N);
        _x = new float[N];
        for (int i = 0; i < N; i++)
        {
            _x[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        _re = new float[_fft.Bins];
        _im = new float[_fft.Bins];
        _back = new float[N];
        _mathNet = new double[N + 2];
        _mathNetSource = new double[N + 2];
        for (int i = 0; i < N; i++)
        {
            _mathNetSource[i] = _x[i];
        }
    }

    [Benchmark(Baseline = true)]
    public double MathNetForwardReal()
    {
        Array.Copy(_mathNetSource, _mathNet, _mathNet.Length);
        Fourier.ForwardReal(_mathNet, N, FourierOptions.NoScaling);
        return _mathNet[1];
    }

    [Benchmark]
    public float RealFftForward()
    {
        _fft.Forward(_x, _re, _im);
        return _re[1];
    }

    [Benchmark]
    public float RealFftForwardInverse()
    {
        _fft.Forward(_x, _re, _im);
        _fft.Inverse(_re, _im, _back);
        return _back[1];
    }
}
