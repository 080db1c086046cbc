namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Cross-correlation of one Hann-windowed stretch of the reference with one of the degraded signal (circular, via
/// FFT, over <see cref="PesqRate.AlignFftLength"/> samples): the per-window step of the fine alignment.
/// </summary>
internal sealed class WindowCorrelator
{
    private readonly PesqFft _fft;
    private readonly double[] _window;
    private readonly double[] _x1;
    private readonly double[] _x2;

    public WindowCorrelator(int length, PesqFft fft)
    {
        _fft = fft;
        Length = length;
        _window = new double[length];
        for (int i = 0; i < length; i++)
        {
            _window[i] = (float)(0.5 * (1.0 - Math.Cos(PesqConstants.TwoPi * i / length)));
        }

        _x1 = new double[length + 2];
        _x2 = new double[length + 2];
        Magnitudes = new double[length];
    }

    public int Length { get; }

    /// <summary>|correlation| per lag of the last <see cref="Correlate"/> call (lag k: degraded shifted by k).</summary>
    public double[] Magnitudes { get; }

    /// <summary>Correlates the windows at the given starts; returns 0.99 of the largest magnitude.</summary>
    public double Correlate(double[] reference, int refStart, double[] degraded, int degStart)
    {
        int n = Length;
        for (int i = 0; i < n; i++)
        {
            _x1[i] = reference[refStart + i] * _window[i];
            _x2[i] = degraded[degStart + i] * _window[i];
        }

        _fft.Forward(_x1, n, _x1);
        _fft.Forward(_x2, n, _x2);
        for (int k = 0; k <= n / 2; k++)
        {
            double r1 = _x1[2 * k], i1 = -_x1[(2 * k) + 1];
            double r2 = _x2[2 * k], i2 = _x2[(2 * k) + 1];
            _x1[2 * k] = (r1 * r2) - (i1 * i2);
            _x1[(2 * k) + 1] = (r1 * i2) + (i1 * r2);
        }

        _fft.Inverse(_x1, n, _x1);
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            Magnitudes[i] = Math.Abs(_x1[i]);
            max = Math.Max(max, Magnitudes[i]);
        }

        return (float)max * 0.99f;
    }
}
