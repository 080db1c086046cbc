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
/// </remarks>
public static class SilentFrameRemoval
{
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
            ReadOnlySpan<double> x = clean.Slice(i * hop, frame);
            double sumSquares = 0;
            for (int n = 0; n < frame; n++)
            {
                double v = w[n] * x[n];
                sumSquares += v * v;
            }

            energyDb[i] = 20 * Math.Log10(Math.Sqrt(sumSquares) + StoiConstants.Eps);
            loudest = Math.Max(loudest, energyDb[i]);
        }

        int kept = 0;
        for (int i = 0; i < frames; i++)
        {
            if (loudest - StoiConstants.DynamicRange - energyDb[i] < 0)
            {
                kept++;
            }
        }

        // The loudest frame always passes (its margin is -40 dB), so kept >= 1 here.
        int length = ((kept - 1) * hop) + frame;
        var cleanOut = new double[length];
        var processedOut = new double[length];
        int c = 0;
        for (int i = 0; i < frames; i++)
        {
            if (!(loudest - StoiConstants.DynamicRange - energyDb[i] < 0))
            {
                continue;
            }

            int src = i * hop;
            int dst = c * hop;
            for (int n = 0; n < frame; n++)
            {
                cleanOut[dst + n] += w[n] * clean[src + n];
                processedOut[dst + n] += w[n] * processed[src + n];
            }

            c++;
        }

        return (cleanOut, processedOut);
    }
}
