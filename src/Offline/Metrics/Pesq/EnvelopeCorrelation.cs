namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The crude alignment of P.862: the lag, in alignment blocks, that maximises the cross-correlation
/// of the reference and degraded log envelopes (<see cref="SpeechActivity.LogEnvelope"/>).
/// </summary>
internal static class EnvelopeCorrelation
{
    /// <summary>
    /// Lag of <paramref name="degraded"/>[degStart..+degCount) against <paramref name="reference"/>[refStart..+refCount)
    /// with the largest positive correlation (0 when none is positive or a range is shorter than 2 blocks).
    /// </summary>
    public static int BestLag(
        PesqFft fft, double[] reference, int refStart, int refCount, double[] degraded, int degStart, int degCount)
    {
        if (refCount <= 1 || degCount <= 1)
        {
            return 0;
        }

        int size = 2 * PesqFft.NextPowerOfTwo(Math.Max(refCount, degCount));
        double[] a = new double[size + 2];
        double[] b = new double[size + 2];
        for (int i = 0; i < refCount; i++)
        {
            a[refCount - 1 - i] = reference[refStart + i];
        }

        Array.Copy(degraded, degStart, b, 0, degCount);
        fft.Forward(a, size, a);
        fft.Forward(b, size, b);
        for (int k = 0; k <= size / 2; k++)
        {
            double re = (a[2 * k] * b[2 * k]) - (a[(2 * k) + 1] * b[(2 * k) + 1]);
            double im = (a[2 * k] * b[(2 * k) + 1]) + (a[(2 * k) + 1] * b[2 * k]);
            a[2 * k] = re;
            a[(2 * k) + 1] = im;
        }

        fft.Inverse(a, size, a);
        double max = 0;
        int best = refCount - 1;
        for (int i = 0; i < refCount + degCount - 1; i++)
        {
            if (a[i] > max)
            {
                max = a[i];
                best = i;
            }
        }

        return best - refCount + 1;
    }
}
