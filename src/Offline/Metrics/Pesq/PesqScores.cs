using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// PESQ of a processed signal against its reference in the modes the rate allows: narrow band (P.862 with the
/// P.862.1 mapping) at 8 and 16 kHz, wide band (P.862.2) at 16 kHz only. Null where a mode is not defined.
/// </summary>
public sealed record PesqScores(double? NarrowBand, double? WideBand)
{
    /// <summary>The rate PESQ is run at when a signal comes at neither of its own rates.</summary>
    public const int ResampleRate = 16000;

    /// <summary>
    /// At 8 kHz: narrow band only. At 16 kHz: both. At any other rate both signals are resampled to 16 kHz first
    /// (<see cref="MetricResampler"/>), so a 44.1 or 48 kHz file is judged on its 0–8 kHz band, which is what
    /// wide-band PESQ listens to.
    /// </summary>
    /// <exception cref="PesqInputException">A signal the standard cannot score (too short, silent reference).</exception>
    public static PesqScores Compute(ReadOnlySpan<float> reference, ReadOnlySpan<float> processed, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (sampleRate == 8000)
        {
            return new PesqScores(Pesq.Compute(reference, processed, sampleRate, PesqMode.NarrowBand), null);
        }

        if (sampleRate == ResampleRate)
        {
            return new PesqScores(
                Pesq.Compute(reference, processed, sampleRate, PesqMode.NarrowBand),
                Pesq.Compute(reference, processed, sampleRate, PesqMode.WideBand));
        }

        float[] r = To16k(reference, sampleRate);
        float[] p = To16k(processed, sampleRate);
        return Compute(r, p, ResampleRate);
    }

    private static float[] To16k(ReadOnlySpan<float> signal, int sampleRate)
    {
        var d = new double[signal.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = signal[i];
        }

        double[] resampled = MetricResampler.Resample(d, sampleRate, ResampleRate);
        var f = new float[resampled.Length];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = (float)resampled[i];
        }

        return f;
    }
}
