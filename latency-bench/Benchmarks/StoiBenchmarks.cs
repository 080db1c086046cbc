using BenchmarkDotNet.Attributes;
using RtDenoise.Offline.Metrics;

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
        var rng = new Random(1);
        int n = SampleRate * 10;
        _clean = new double[n];
        _noisy = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Harmonic "voice" with a 4 Hz syllable envelope, plus white noise at roughly 0 dB.
            double t = (double)i / SampleRate;
            double env = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
            double v = 0;
            for (int h = 1; h <= 10; h++)
            {
                v += Math.Sin(2 * Math.PI * 140 * h * t) / h;
            }

            _clean[i] = 0.1 * env * v;
            _noisy[i] = _clean[i] + (0.08 * ((rng.NextDouble() * 2) - 1));
        }

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
