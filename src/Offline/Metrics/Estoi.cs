using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Extended STOI (J. Jensen, C. H. Taal, "An Algorithm for Predicting the Intelligibility of Speech Masked by
/// Modulated Noise Maskers", IEEE/ACM TASLP 24(11), 2016), computed as pystoi 0.4.1
/// <c>stoi(x, y, fs, extended=True)</c>.
/// </summary>
/// <remarks>
/// Each 30-frame segment is a 15×30 matrix (bands × frames) of envelopes (<see cref="StoiBandEnvelopes"/>), without
/// clipping. Both matrices are normalised first per row (each band's temporal envelope: zero mean, unit norm), then
/// per column (each frame's spectral shape across bands: zero mean, unit norm); the segment's score is the mean over
/// the 30 columns of the inner products of the normalised clean and processed columns:
/// <code>
///   X̄ = colnorm(rownorm(X)),  Ȳ = colnorm(rownorm(Y)),   d_m = (1/30)·Σ_n ⟨X̄[:, n], Ȳ[:, n]⟩,   ESTOI = mean_m d_m
/// </code>
/// Like the reference, a dither of eps·N(0, 1) is added before each normalisation so that a constant row or column
/// (e.g. an all-zero band) becomes a unit-norm noise vector instead of 0/0. pystoi draws it from NumPy's global
/// generator for every value; here it comes from a fixed-seed generator (results are reproducible) and only for the
/// rows and columns that are (nearly) constant, the only ones where it matters: elsewhere it moves a normalised
/// vector by eps/spread relative, ~1e-13 for speech envelopes and at most 1e-4 at the threshold.
/// </remarks>
public static class Estoi
{
    internal const ulong DitherSeed = 0x5EED_0057_0100_2016UL;

    // A row or column whose values spread less than this (RMS about their mean) is "constant" for the dither rule.
    private const double DegenerateRms = 1e4 * StoiConstants.Eps;

    /// <summary>ESTOI of <paramref name="processed"/> against <paramref name="clean"/> at any sample rate.</summary>
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
        return r.Estoi;
    }

    /// <summary>d_m of one segment: <paramref name="x"/> and <paramref name="y"/> are its 15×30 clean and processed
    /// envelope matrices (band-major), normalised in place.</summary>
    internal static double SegmentScore(double[] x, double[] y, ref GaussianDither dither)
    {
        NormalizeRowsThenColumns(x, ref dither);
        NormalizeRowsThenColumns(y, ref dither);
        double dot = 0;
        for (int i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
        }

        return dot / StoiConstants.SegmentFrames;
    }

    // pystoi utils.row_col_normalize on one 15×30 segment (row-major: band k, frame i at [k·30 + i]): rows (stride 1)
    // first, then columns (stride 30).
    private static void NormalizeRowsThenColumns(double[] s, ref GaussianDither dither)
    {
        const int n = StoiConstants.SegmentFrames;
        const int bands = StoiConstants.Bands;
        for (int k = 0; k < bands; k++)
        {
            NormalizeVector(s, k * n, 1, n, ref dither);
        }

        for (int i = 0; i < n; i++)
        {
            NormalizeVector(s, i, n, bands, ref dither);
        }
    }

    // Zero mean, unit norm for the `count` values s[start + j·stride]. pystoi adds eps·N(0,1) to every value first;
    // that moves a vector with RMS spread σ by eps/σ relative, so the (costly: log, sqrt, sin/cos) dither is drawn
    // only when σ < DegenerateRms = 1e4·eps — there it decides the result, as in pystoi.
    private static void NormalizeVector(double[] s, int start, int stride, int count, ref GaussianDither dither)
    {
        (double mean, double ss) = Moments(s, start, stride, count);
        if (ss < count * DegenerateRms * DegenerateRms)
        {
            for (int j = 0; j < count; j++)
            {
                s[start + (j * stride)] += StoiConstants.Eps * dither.Next();
            }

            (mean, ss) = Moments(s, start, stride, count);
        }

        double inv = 1 / Math.Sqrt(ss);
        for (int j = 0; j < count; j++)
        {
            int at = start + (j * stride);
            s[at] = (s[at] - mean) * inv;
        }
    }

    private static (double Mean, double SumSquares) Moments(double[] s, int start, int stride, int count)
    {
        double mean = 0;
        for (int j = 0; j < count; j++)
        {
            mean += s[start + (j * stride)];
        }

        mean /= count;
        double ss = 0;
        for (int j = 0; j < count; j++)
        {
            double d = s[start + (j * stride)] - mean;
            ss += d * d;
        }

        return (mean, ss);
    }
}
