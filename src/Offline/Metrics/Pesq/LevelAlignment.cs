namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// P.862 level alignment: scales a signal so that its power in the 350–3250 Hz band, averaged over the longer input's
/// duration, equals <see cref="PesqConstants.TargetAveragePower"/>. The band power is measured on a filtered copy;
/// the scale applies to the unfiltered signal.
/// </summary>
internal static class LevelAlignment
{
    public static void Apply(PaddedSignal signal, int longerLength, PesqRate rate, PesqFft fft)
    {
        int margin = rate.SearchBufferSamples;
        int padding = rate.DataPaddingSamples;
        double[] filtered = (double[])signal.Data.Clone();
        FrequencyShaping.Apply(filtered, signal.Length, FilterCurves.LevelAlignmentBand, rate, fft);

        double power = MeanPower(filtered, margin, signal.Length - margin + padding, longerLength - (2 * margin) + padding);
        // Kept in double (the reference rounds power and scale to float, which underflows for very quiet input).
        double scale = Math.Sqrt(PesqConstants.TargetAveragePower / power);
        for (int i = 0; i < signal.Length; i++)
        {
            signal.Data[i] *= scale;
        }
    }

    /// <summary>Sum of squares over [start, stop) divided by <paramref name="divisor"/>.</summary>
    public static double MeanPower(ReadOnlySpan<double> x, int start, int stop, int divisor)
    {
        double power = 0;
        for (int i = start; i < stop; i++)
        {
            power += x[i] * x[i];
        }

        return power / divisor;
    }
}
