using BenchmarkDotNet.Attributes;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Pesq;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// PESQ of a 10 s clean/noisy pair: each mode at 16 kHz, narrow band at 8 kHz, and what `rtdenoise metrics` and
/// `eval` pay per file at 16 and 48 kHz (both modes; at 48 kHz the resampling to 16 kHz too). Seconds per minute of
/// audio = the mean × 6.
/// </summary>
[MemoryDiagnoser]
public class PesqBenchmarks
{
    private float[] _clean16 = null!;
    private float[] _noisy16 = null!;
    private float[] _clean8 = null!;
    private float[] _noisy8 = null!;
    private float[] _clean48 = null!;
    private float[] _noisy48 = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_clean16, _noisy16) = Floats(16000);
        (_clean8, _noisy8) = Floats(8000);
        (_clean48, _noisy48) = Floats(48000);
    }

    [Benchmark(Baseline = true)]
    public double WideBand16k10s() => Pesq.Compute(_clean16, _noisy16, 16000, PesqMode.WideBand);

    [Benchmark]
    public double NarrowBand16k10s() => Pesq.Compute(_clean16, _noisy16, 16000, PesqMode.NarrowBand);

    [Benchmark]
    public double NarrowBand8k10s() => Pesq.Compute(_clean8, _noisy8, 8000, PesqMode.NarrowBand);

    /// <summary>Both modes, as `metrics` reports them for a 16 kHz file.</summary>
    [Benchmark]
    public double? BothModes16k10s() => PesqScores.Compute(_clean16, _noisy16, 16000).WideBand;

    /// <summary>Both modes after resampling both signals from 48 to 16 kHz.</summary>
    [Benchmark]
    public double? BothModes48k10s() => PesqScores.Compute(_clean48, _noisy48, 48000).WideBand;

    /// <summary>STOI, ESTOI, SI-SDR and PESQ in one call: one file's scoring in `eval` (done twice per file there:
    /// noisy and processed).</summary>
    [Benchmark]
    public double AllMetricsWithPesq16k10s() => SpeechMetrics.Compute(_clean16, _noisy16, 16000, withPesq: true).Stoi;

    private static (float[] Clean, float[] Noisy) Floats(int sampleRate)
    {
        (double[] clean, double[] noisy) = SyntheticSpeechPair.Create(sampleRate, 10);
        return ([.. clean.Select(v => (float)v)], [.. noisy.Select(v => (float)v)]);
    }
}
