using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Removes the silent frames of a clean/processed pair as pystoi 0.4.1 (<c>utils.remove_silent_frames</c>):
/// frames whose clean-signal energy is 40 dB or more below the loudest clean frame are dropped from both signals,
/// and the kept windowed frames are overlap-added back into two shorter signals.
/// </summary>
/// <remarks>
/// <code>
///   frame i  = w · x[i·128 .. i·128+255],   i = 0 .. ceil((len - 256)/128) - 1     (w: MATLAB hanning(256))
///   E_i      = 20·log10(‖frame i of x‖ + eps)
///   keep i  ⇔  E_i &gt; max_k E_k - 40
///   out[c·128 + n] += w[n]·x[i·128 + n]   for the c-th kept frame                  (overlap-add at hop 128)
/// </code>
/// The processed signal follows the decision made on the clean one, so both stay time-aligned. The output has
/// (kept - 1)·128 + 256 samples; the Hann frames at 50% overlap sum to ~1, so speech passes through nearly unchanged.
/// The decision needs the loudest frame of the whole signal, so a stream takes two passes: one for
/// <see cref="FrameEnergyDb"/>'s maximum, one for <see cref="IsKept"/> and <see cref="KeptFrameOverlapAdd"/>.
/// </remarks>
public static class SilentFrameRemoval
{
    /// <summary>E = 20·log10(‖w·frame‖ + eps), dB, of one 256-sample frame.</summary>
    internal static double FrameEnergyDb(ReadOnlySpan<double> frame, ReadOnlySpan<double> window)
    {
        double sumSquares = 0;
        for (int n = 0; n < StoiConstants.FrameLength; n++)
        {
            double v = window[n] * frame[n];
            sumSquares += v * v;
        }

        return 20 * Math.Log10(Math.Sqrt(sumSquares) + StoiConstants.Eps);
    }

    /// <summary>Whether a frame of energy <paramref name="energyDb"/> is kept when the loudest clean frame has
    /// <paramref name="loudestDb"/> (the loudest itself always is: its margin is −40 dB).</summary>
    internal static bool IsKept(double loudestDb, double energyDb) =>
        loudestDb - StoiConstants.DynamicRange - energyDb < 0;

    /// <summary>Returns the reduced (clean, processed) pair; both empty when the input is shorter than one frame
    /// plus one sample.</summary>
    public static (double[] Clean, double[] Processed) Apply(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        if (clean.Length != processed.Length)
        {
            throw new SignalLengthMismatchException(clean.Length, processed.Length);
        }

        const int frame = StoiConstants.FrameLength;
        const int hop = StoiConstants.Hop;
        int frames = StoiConstants.FrameCount(clean.Length);
        if (frames == 0)
        {
            return ([], []);
        }

        double[] w = StoiConstants.AnalysisWindow();
        var energyDb = new double[frames];
        double loudest = double.NegativeInfinity;
        for (int i = 0; i < frames; i++)
        {
            energyDb[i] = FrameEnergyDb(clean.Slice(i * hop, frame), w);
            loudest = Math.Max(loudest, energyDb[i]);
        }

        int kept = energyDb.Count(e => IsKept(loudest, e));
        var cleanOut = new double[(kept * hop) + hop];
        var processedOut = new double[cleanOut.Length];
        var cleanAdd = new KeptFrameOverlapAdd();
        var processedAdd = new KeptFrameOverlapAdd();
        int c = 0;
        for (int i = 0; i < frames; i++)
        {
            if (IsKept(loudest, energyDb[i]))
            {
                cleanAdd.Add(clean.Slice(i * hop, frame), cleanOut.AsSpan(c * hop, hop));
                processedAdd.Add(processed.Slice(i * hop, frame), processedOut.AsSpan(c * hop, hop));
                c++;
            }
        }

        cleanAdd.Tail.CopyTo(cleanOut.AsSpan(kept * hop));
        processedAdd.Tail.CopyTo(processedOut.AsSpan(kept * hop));
        return (cleanOut, processedOut);
    }
}
