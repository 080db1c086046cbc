using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// The 15 one-third-octave bands of STOI over a 512-point spectrum at 10 kHz, built as pystoi's
/// <c>utils.thirdoct</c> (after Taal's <c>thirdoct.m</c>).
/// </summary>
/// <remarks>
/// Band k (k = 0..14) has centre 150·2^(k/3) Hz and edges 150·2^((2k∓1)/6) Hz; each edge snaps to the nearest FFT
/// bin (the first one on a tie), and the band sums bins [low, high) — the upper edge bin belongs to the next band.
/// The matrix in the reference is 0/1, so a band is a contiguous bin range and no matrix product is needed:
/// <code>
///   bins f_j = j·10000/512 Hz, j = 0..256
///   band k  = [ argmin_j |f_j - f_low,k| ,  argmin_j |f_j - f_high,k| )
/// </code>
/// </remarks>
public static class ThirdOctaveBands
{
    private static readonly (int Low, int High)[] BinRanges = Build(
        MetricResampler.StoiRate, StoiConstants.FftSize, StoiConstants.Bands, StoiConstants.MinFrequency);

    /// <summary>Bin range [Low, High) of each band for the STOI configuration.</summary>
    public static ReadOnlySpan<(int Low, int High)> Ranges => BinRanges;

    /// <summary>Centre frequency of band k, Hz.</summary>
    public static double CenterFrequency(int band) =>
        Math.Pow(Math.Pow(2.0, 1.0 / 3), band) * StoiConstants.MinFrequency;

    internal static (int Low, int High)[] Build(int sampleRate, int fftSize, int bands, double minFrequency)
    {
        int bins = (fftSize / 2) + 1;
        var f = new double[bins];
        for (int j = 0; j < bins; j++)
        {
            // np.linspace(0, fs, nfft + 1)[j]
            f[j] = (double)sampleRate * j / fftSize;
        }

        var ranges = new (int, int)[bands];
        for (int k = 0; k < bands; k++)
        {
            double low = minFrequency * Math.Pow(2.0, ((2.0 * k) - 1) / 6);
            double high = minFrequency * Math.Pow(2.0, ((2.0 * k) + 1) / 6);
            ranges[k] = (NearestBin(f, low), NearestBin(f, high));
        }

        return ranges;
    }

    private static int NearestBin(double[] f, double frequency)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int j = 0; j < f.Length; j++)
        {
            double d = (f[j] - frequency) * (f[j] - frequency);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = j;
            }
        }

        return best;
    }
}
