using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>Checks shared by every metric: equal lengths, finite samples, a positive sample rate.</summary>
public static class MetricInputs
{
    /// <summary>Throws <see cref="SignalLengthMismatchException"/>, <see cref="NonFiniteSampleException"/> or
    /// <see cref="ArgumentOutOfRangeException"/> (rate).</summary>
    public static void Validate(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (clean.Length != processed.Length)
        {
            throw new SignalLengthMismatchException(clean.Length, processed.Length);
        }

        ThrowIfNonFinite(clean, "clean");
        ThrowIfNonFinite(processed, "processed");
    }

    /// <summary>The warning that goes with the 1e-5 result.</summary>
    public static string TooShortWarning(int frames) =>
        $"only {frames} STFT frames remain after silent-frame removal (STOI needs at least "
        + $"{StoiConstants.SegmentFrames}, ~0.4 s of speech); returning {StoiConstants.TooShortResult:0e0} as the reference does";

    private static void ThrowIfNonFinite(ReadOnlySpan<double> signal, string name)
    {
        for (int i = 0; i < signal.Length; i++)
        {
            if (!double.IsFinite(signal[i]))
            {
                throw new NonFiniteSampleException(name, i, signal[i]);
            }
        }
    }
}
