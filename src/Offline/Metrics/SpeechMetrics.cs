using RtDenoise.Offline.Metrics.Pesq;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// STOI, ESTOI and SI-SDR of a processed signal against its clean reference in one call, sharing STOI's front end
/// (resampling, silent-frame removal, band envelopes) between STOI and ESTOI (<see cref="SpeechMetricsStream"/>, here
/// over whole signals in memory). SI-SDR is computed at the input rate
/// on the whole signals (no silent-frame removal), as is customary. PESQ, when asked for, runs on the whole signals
/// too (<see cref="PesqScores"/>); it costs several times what the other three do, so training's validation leaves
/// it out.
/// </summary>
public static class SpeechMetrics
{
    /// <summary>All three metrics. With <paramref name="trimToShorter"/> the longer signal is cut to the shorter one's
    /// length (from the end); otherwise different lengths throw <see cref="SignalLengthMismatchException"/>.</summary>
    /// <exception cref="NonFiniteSampleException">A sample is NaN or infinite.</exception>
    /// <exception cref="PesqInputException">With <paramref name="withPesq"/>: signals PESQ cannot score.</exception>
    public static SpeechMetricsResult Compute(
        ReadOnlySpan<float> clean, ReadOnlySpan<float> processed, int sampleRate, bool trimToShorter = false, bool withPesq = false)
    {
        if (trimToShorter)
        {
            int n = Math.Min(clean.Length, processed.Length);
            clean = clean[..n];
            processed = processed[..n];
        }

        double[] x = ToDouble(clean);
        double[] y = ToDouble(processed);
        SpeechMetricsResult r = SpeechMetricsStream.Run(x, y, sampleRate);
        return withPesq ? r with { Pesq = PesqScores.Compute(clean, processed, sampleRate) } : r;
    }

    private static double[] ToDouble(ReadOnlySpan<float> samples)
    {
        var d = new double[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            d[i] = samples[i];
        }

        return d;
    }
}
