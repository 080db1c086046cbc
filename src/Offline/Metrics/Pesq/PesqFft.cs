namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Double-precision radix-2 FFT of real signals, with the spectrum packed as (re, im) pairs for bins 0..n/2
/// (n + 2 values), the layout the PESQ stages exchange. A real transform of length n runs as a complex transform of
/// length n/2 (even samples as real part, odd as imaginary) followed by the usual split into even and odd spectra.
/// The inverse rebuilds the Hermitian spectrum (imaginary parts of bins 0 and n/2 ignored) and scales by 1/n.
/// One instance per PESQ computation: it keeps its work buffers and twiddle tables across calls.
/// </summary>
internal sealed class PesqFft
{
    private readonly Dictionary<int, (double[] Cos, double[] Sin)> _twiddles = [];
    private double[] _re = [];
    private double[] _im = [];

    /// <summary>Transforms <paramref name="signal"/>[0..n) (n a power of two, at least 2) into <paramref name="packed"/>[0..n+2).</summary>
    public void Forward(ReadOnlySpan<double> signal, int n, Span<double> packed)
    {
        int m = n / 2;
        EnsureCapacity(m);
        for (int j = 0; j < m; j++)
        {
            _re[j] = signal[2 * j];
            _im[j] = signal[(2 * j) + 1];
        }

        (double[] cos, double[] sin) = Twiddles(n);
        Transform(m, cos, sin, inverse: false);
        packed[0] = _re[0] + _im[0];
        packed[1] = 0;
        packed[2 * m] = _re[0] - _im[0];
        packed[(2 * m) + 1] = 0;
        for (int k = 1; k < m; k++)
        {
            // Even-sample spectrum E = (Z[k] + conj Z[m-k]) / 2, odd-sample spectrum O = (Z[k] - conj Z[m-k]) / 2i.
            double zr = _re[k], zi = _im[k], cr = _re[m - k], ci = -_im[m - k];
            double er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
            double wr = cos[k], wi = -sin[k];
            packed[2 * k] = er + ((wr * or) - (wi * oi));
            packed[(2 * k) + 1] = ei + ((wr * oi) + (wi * or));
        }
    }

    /// <summary>Inverse of <see cref="Forward"/>: the real signal, scaled by 1/n.</summary>
    public void Inverse(ReadOnlySpan<double> packed, int n, Span<double> signal)
    {
        int m = n / 2;
        EnsureCapacity(m);
        (double[] cos, double[] sin) = Twiddles(n);
        for (int k = 0; k < m; k++)
        {
            double xr = packed[2 * k], xi = k == 0 ? 0 : packed[(2 * k) + 1];
            double yr = packed[2 * (m - k)], yi = k == 0 ? 0 : -packed[(2 * (m - k)) + 1];
            double er = 0.5 * (xr + yr), ei = 0.5 * (xi + yi);
            double dr = 0.5 * (xr - yr), di = 0.5 * (xi - yi);
            double or = (dr * cos[k]) - (di * sin[k]), oi = (dr * sin[k]) + (di * cos[k]);
            _re[k] = er - oi;
            _im[k] = ei + or;
        }

        Transform(m, cos, sin, inverse: true);
        double scale = 1.0 / m;
        for (int j = 0; j < m; j++)
        {
            signal[2 * j] = _re[j] * scale;
            signal[(2 * j) + 1] = _im[j] * scale;
        }
    }

    /// <summary>Smallest power of two not below <paramref name="x"/>.</summary>
    public static int NextPowerOfTwo(long x)
    {
        int c = 1;
        while (c < x)
        {
            c <<= 1;
        }

        return c;
    }

    private void EnsureCapacity(int m)
    {
        if (_re.Length < m)
        {
            _re = new double[m];
            _im = new double[m];
        }
    }

    /// <summary>In-place complex FFT of length m on the work buffers; the tables hold angles 2πk/(2m).</summary>
    private void Transform(int m, double[] cos, double[] sin, bool inverse)
    {
        BitReverse(m);
        double sign = inverse ? 1 : -1;
        double[] re = _re, im = _im;
        for (int size = 2; size <= m; size <<= 1)
        {
            int half = size / 2;
            int stride = 2 * (m / size);
            for (int start = 0; start < m; start += size)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = cos[k * stride];
                    double wi = sign * sin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double tr = (re[b] * wr) - (im[b] * wi);
                    double ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    private void BitReverse(int m)
    {
        for (int i = 1, j = 0; i < m; i++)
        {
            int bit = m >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (_re[i], _re[j]) = (_re[j], _re[i]);
                (_im[i], _im[j]) = (_im[j], _im[i]);
            }
        }
    }

    private (double[] Cos, double[] Sin) Twiddles(int n)
    {
        if (!_twiddles.TryGetValue(n, out var table))
        {
            int count = Math.Max(1, n / 2);
            table = (new double[count], new double[count]);
            for (int k = 0; k < count; k++)
            {
                double angle = 2 * Math.PI * k / n;
                table.Cos[k] = Math.Cos(angle);
                table.Sin[k] = Math.Sin(angle);
            }

            _twiddles[n] = table;
        }

        return table;
    }
}
