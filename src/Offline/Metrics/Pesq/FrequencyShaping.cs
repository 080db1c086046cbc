namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Applies a piecewise-linear magnitude curve (<see cref="FilterCurves"/>) to a whole signal in the frequency domain:
/// one FFT over the samples plus data padding, each bin scaled by the curve (normalised to 0 dB at 1 kHz), one
/// inverse FFT. P.862 uses it for the level-measurement band and for the IRS receive filter.
/// </summary>
internal static class FrequencyShaping
{
    public static void Apply(double[] data, int length, double[,] curve, PesqRate rate, PesqFft fft)
    {
        int margin = rate.SearchBufferSamples;
        int n = length - (2 * margin) + rate.DataPaddingSamples;
        int size = PesqFft.NextPowerOfTwo(n);
        double[] buffer = new double[size + 2];
        Array.Copy(data, margin, buffer, 0, n);

        fft.Forward(buffer, size, buffer);
        float gainAt1k = FilterCurves.GainDb(1000f, curve);
        float resolution = rate.SampleRate / (float)size;
        for (int k = 0; k <= size / 2; k++)
        {
            float gainDb = FilterCurves.GainDb(k * resolution, curve) - gainAt1k;
            float factor = (float)Math.Pow(10f, gainDb / 20f);
            buffer[2 * k] *= factor;
            buffer[(2 * k) + 1] *= factor;
        }

        fft.Inverse(buffer, size, buffer);
        Array.Copy(buffer, 0, data, margin, n);
    }
}
