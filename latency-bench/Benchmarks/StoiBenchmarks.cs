using BenchmarkDotNet.Attributes;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// STOI, ESTOI and the full metric set of a 10 s clean/noisy pair at 16 kHz (the rate the project evaluates at;
/// includes the resampling to 10 kHz) — what one file of `rtdenoise eval` costs. STOI and ESTOI share one pass
/// (<see cref="SpeechMetricsStream"/>), so each alone costs what both do.
/// </summary>
[MemoryDiagnoser]
public class StoiBenchmarks
{
    private const int SampleRate = 16000;
    private double[] _clean = null!;
    private double[] _noisy = null!;
    private float[] _cleanF = null!;
    private float[] _noisyF = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_clean, _noisy) = SyntheticSpeechPair.Create(SampleRate, 10);
        _cleanF = _clean.Select(v => (float)v).ToArray();
        _noisyF = _noisy.Select(v => (float)v).ToArray();
    }

    /// <summary>The 16 kHz → 10 kHz resampling of one signal (part of every call below, twice).</summary>
    [Benchmark]
    public int Resample10s() => MetricResampler.ToStoiRate(_clean, SampleRate).Length;

    /// <summary>STOI, ESTOI and SI-SDR streamed in 4096-sample blocks, as `rtdenoise metrics` reads files: the
    /// memory column shows what does not grow with the length.</summary>
    [Benchmark]
    public double Streamed10sIn4096Blocks()
    {
        var stream = new SpeechMetricsStream(SampleRate);
        for (int i = 0; i < _clean.Length; i += 4096)
        {
            int n = Math.Min(4096, _clean.Length - i);
            stream.AddFirstPass(_clean.AsSpan(i, n), _noisy.AsSpan(i, n));
        }

        for (int i = 0; i < _clean.Length; i += 4096)
        {
            int n = Math.Min(4096, _clean.Length - i);
            stream.AddSecondPass(_clean.AsSpan(i, n), _noisy.AsSpan(i, n));
        }

        return stream.Finish().Stoi;
    }

    [Benchmark(Baseline = true)]
    public double Stoi10s() => Stoi.Compute(_clean, _noisy, SampleRate);

    [Benchmark]
    public double Estoi10s() => Estoi.Compute(_clean, _noisy, SampleRate);

    [Benchmark]
    public double AllMetrics10s() => SpeechMetrics.Compute(_cleanF, _noisyF, SampleRate).Stoi;
}
