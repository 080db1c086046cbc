using BenchmarkDotNet.Attributes;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// STOI, ESTOI and the full metric set of a 10 s clean/noisy pair at 16 kHz (the rate the project evaluates at;
/// includes the resampling to 10 kHz) — what one file of `rtdenoise eval` costs.
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

    /// <summary>The shared front end: resampling, silent-frame removal, STFT, band envelopes of both signals.</summary>
    [Benchmark]
    public int Envelopes10s() => BandEnvelopes.Analyze(_clean, _noisy, SampleRate).Frames;

    [Benchmark(Baseline = true)]
    public double Stoi10s() => Stoi.Compute(_clean, _noisy, SampleRate);

    [Benchmark]
    public double Estoi10s() => Estoi.Compute(_clean, _noisy, SampleRate);

    [Benchmark]
    public double AllMetrics10s() => SpeechMetrics.Compute(_cleanF, _noisyF, SampleRate).Stoi;
}
