namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Piecewise-linear magnitude responses (frequency in Hz, gain in dB) applied in the frequency domain:
/// the 300–3000 Hz pass band used to measure speech level, and the IRS receive characteristic of narrow-band
/// P.862 (a telephone handset receive path). Points are the standard's tables.
/// </summary>
internal static class FilterCurves
{
    /// <summary>Level-alignment band: 0 dB from 350 to 3250 Hz, −500 dB (off) elsewhere.</summary>
    public static readonly double[,] LevelAlignmentBand =
    {
        { 0, -500 }, { 50, -500 }, { 100, -500 }, { 125, -500 }, { 160, -500 }, { 200, -500 }, { 250, -500 },
        { 300, -500 }, { 350, 0 }, { 400, 0 }, { 500, 0 }, { 600, 0 }, { 630, 0 }, { 800, 0 }, { 1000, 0 },
        { 1250, 0 }, { 1600, 0 }, { 2000, 0 }, { 2500, 0 }, { 3000, 0 }, { 3250, 0 }, { 3500, -500 },
        { 4000, -500 }, { 5000, -500 }, { 6300, -500 }, { 8000, -500 },
    };

    /// <summary>IRS receive characteristic (narrow band only).</summary>
    public static readonly double[,] IrsReceive =
    {
        { 0, -200 }, { 50, -40 }, { 100, -20 }, { 125, -12 }, { 160, -6 }, { 200, 0 }, { 250, 4 }, { 300, 6 },
        { 350, 8 }, { 400, 10 }, { 500, 11 }, { 600, 12 }, { 700, 12 }, { 800, 12 }, { 1000, 12 }, { 1300, 12 },
        { 1600, 12 }, { 2000, 12 }, { 2500, 12 }, { 3000, 12 }, { 3250, 12 }, { 3500, 4 }, { 4000, -200 },
        { 5000, -200 }, { 6300, -200 }, { 8000, -200 },
    };

    /// <summary>Linear interpolation (and extrapolation past the end points) of a curve at <paramref name="frequency"/>.</summary>
    public static float GainDb(float frequency, double[,] curve)
    {
        int last = curve.GetLength(0) - 1;
        int high;
        if (frequency <= curve[0, 0])
        {
            high = 1;
        }
        else if (frequency >= curve[last, 0])
        {
            high = last;
        }
        else
        {
            high = 1;
            while (curve[high, 0] < frequency)
            {
                high++;
            }
        }

        double freqLow = curve[high - 1, 0];
        double freqHigh = curve[high, 0];
        double result = (((frequency - freqLow) * curve[high, 1]) + ((freqHigh - frequency) * curve[high - 1, 1])) / (freqHigh - freqLow);
        return (float)result;
    }
}
