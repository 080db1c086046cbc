namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Normalised cross-correlation of the magnitudes |x| and |y| of two equally long signals, searched over lags in
/// [−range, range); used to realign bad intervals (P.862).
/// </summary>
internal static class MagnitudeCorrelation
{
    public static (int Delay, double Correlation) BestDelay(double[] x, double[] y, int range, PesqFft fft)
    {
        int n = x.Length;
        int size = PesqFft.NextPowerOfTwo(2L * n);
        double energyX = 0, energyY = 0;
        for (int i = 0; i < n; i++)
        {
            energyX += x[i] * x[i];
            energyY += y[i] * y[i];
        }

        // The reference compares these (energy over the FFT length) with 1e-6 to detect silence.
        double powerX = energyX / size, powerY = energyY / size;
        if (powerX <= 1e-6 || powerY <= 1e-6)
        {
            return (0, 0);
        }

        double[] a = new double[size + 2];
        double[] b = new double[size + 2];
        for (int i = 0; i < n; i++)
        {
            a[i] = Math.Abs(x[i]);
            b[i] = Math.Abs(y[i]);
        }

        fft.Forward(a, size, a);
        fft.Forward(b, size, b);
        for (int k = 0; k <= size / 2; k++)
        {
            double re = (a[2 * k] * b[2 * k]) + (a[(2 * k) + 1] * b[(2 * k) + 1]);
            double im = (a[2 * k] * b[(2 * k) + 1]) - (a[(2 * k) + 1] * b[2 * k]);
            a[2 * k] = re;
            a[(2 * k) + 1] = im;
        }

        fft.Inverse(a, size, a);
        double normalization = Math.Sqrt(energyX * energyY);
        int best = 0;
        double max = 0;
        for (int lag = -range; lag < range; lag++)
        {
            double h = Math.Abs(a[lag < 0 ? lag + size : lag]) / normalization;
            if (h > max)
            {
                max = h;
                best = lag;
            }
        }

        return (best, max);
    }
}
