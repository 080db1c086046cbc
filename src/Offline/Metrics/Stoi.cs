using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Short-Time Objective Intelligibility (C. H. Taal, R. C. Hendriks, R. Heusdens, J. Jensen, "An Algorithm for
/// Intelligibility Prediction of Time-Frequency Weighted Noisy Speech", IEEE TASLP 19(7), 2011), computed exactly
/// as pystoi 0.4.1 <c>stoi(x, y, fs, extended=False)</c>.
/// </summary>
/// <remarks>
/// For every band k and every 30-frame segment ending at frame m, with x, y the clean and processed envelopes of
/// that segment (<see cref="StoiBandEnvelopes"/>):
/// <code>
///   α   = ‖x‖ / (‖y‖ + eps)                          (energy normalisation, Eq. 3)
///   y'  = min(α·y, (1 + 10^(-β/20))·x),  β = -15 dB    (clipping: SDR lower bound, Eq. 3)
///   d_km = ⟨x - mean x, y' - mean y'⟩ / ((‖x - mean x‖ + eps)(‖y' - mean y'‖ + eps))   (Eq. 5)
///   STOI = mean over k and m of d_km                                                   (Eq. 6)
/// </code>
/// The eps guards are pystoi's (NumPy's float eps); they keep a silent segment at correlation 0 instead of NaN.
/// </remarks>
public static class Stoi
{
    private static readonly double ClipFactor = 1 + Math.Pow(10, -StoiConstants.Beta / 20);

    /// <summary>STOI of <paramref name="processed"/> against <paramref name="clean"/> at any sample rate.</summary>
    /// <exception cref="SignalLengthMismatchException">The lengths differ.</exception>
    /// <exception cref="NonFiniteSampleException">A sample is NaN or infinite.</exception>
    public static double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate) =>
        Compute(clean, processed, sampleRate, out _);

    /// <summary>As <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>; <paramref name="warning"/>
    /// is set when fewer than 30 frames remain and the result is the reference's 1e-5.</summary>
    public static double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate, out string? warning)
    {
        SpeechMetricsResult r = SpeechMetricsStream.Run(clean, processed, sampleRate, withSiSdr: false);
        warning = r.Warning;
        return r.Stoi;
    }

    /// <summary>d_km of one band over one 30-frame segment: the correlation of the clean envelope
    /// <paramref name="x"/> with the normalised, clipped processed envelope <paramref name="y"/>
    /// (<paramref name="yPrime"/>: 30 values of scratch).</summary>
    internal static double SegmentCorrelation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> yPrime)
    {
        const int n = StoiConstants.SegmentFrames;
        const double eps = StoiConstants.Eps;
        double xx = 0, yy = 0;
        for (int i = 0; i < n; i++)
        {
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }

        double alpha = Math.Sqrt(xx) / (Math.Sqrt(yy) + eps);
        double xMean = 0, yMean = 0;
        for (int i = 0; i < n; i++)
        {
            yPrime[i] = Math.Min(alpha * y[i], x[i] * ClipFactor);
            xMean += x[i];
            yMean += yPrime[i];
        }

        xMean /= n;
        yMean /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - xMean;
            double dy = yPrime[i] - yMean;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxy / ((Math.Sqrt(sxx) + eps) * (Math.Sqrt(syy) + eps));
    }
}
