namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Double-precision radix-2 FFT of real signals, with the spectrum packed as (re, im) pairs for bins 0..n/2
/// (n + 2 values), the layout the PESQ stages exchange. The inverse rebuilds the Hermitian spectrum and scales by
/// 1/n. One instance per PESQ computation: it keeps its complex work buffers and twiddles across calls.
/// </summary>
internal sealed class PesqFft
{
    private readonly Dictionary<int, (double[] Cos, double[] Sin)> _twiddles = [];
    private double[] _re = [];
    private double[] _im = [];

    /// <summary>Transforms <paramref name="signal"/>[0..n) (n a power of two) into <paramref name="packed"/>[0..n+2).</summary>
    public void Forward(ReadOnlySpan<double> signal, int n, Span<double> packed)
    {
        EnsureCapacity(n);
        for (int i = 0; i < n; i++)
        {
            _re[i] = signal[i];
            _im[i] = 0;
        }

        Transform(n, inverse: false);
        for (int k = 0; k <= n / 2; k++)
        {
            packed[2 * k] = _re[k];
            packed[(2 * k) + 1] = _im[k];
        }
    }

    /// <summary>Inverse of <see cref="Forward"/>: the real part of the inverse transform, scaled by 1/n.</summary>
    public void Inverse(ReadOnlySpan<double> packed, int n, Span<double> signal)
    {
        EnsureCapacity(n);
        for (int k = 0; k <= n / 2; k++)
        {
            _re[k] = packed[2 * k];
            _im[k] = packed[(2 * k) + 1];
        }

        for (int k = (n / 2) + 1; k < n; k++)
        {
            _re[k] = packed[2 * (n - k)];
            _im[k] = -packed[(2 * (n - k)) + 1];
        }

        Transform(n, inverse: true);
        double scale = 1.0 / n;
        for (int i = 0; i < n; i++)
        {
            signal[i] = _re[i] * scale;
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

    private void EnsureCapacity(int n)
    {
        if (_re.Length < n)
        {
            _re = new double[n];
            _im = new double[n];
        }
    }

    private void Transform(int n, bool inverse)
    {
        BitReverse(n);
        (double[] cos, double[] sin) = Twiddles(n);
        double sign = inverse ? 1 : -1;
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size / 2;
            int stride = n / size;
            for (int start = 0; start < n; start += size)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = cos[k * stride];
                    double wi = sign * sin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double tr = (_re[b] * wr) - (_im[b] * wi);
                    double ti = (_re[b] * wi) + (_im[b] * wr);
                    _re[b] = _re[a] - tr;
                    _im[b] = _im[a] - ti;
                    _re[a] += tr;
                    _im[a] += ti;
                }
            }
        }
    }

    private void BitReverse(int n)
    {
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
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
            table = (new double[Math.Max(1, n / 2)], new double[Math.Max(1, n / 2)]);
            for (int k = 0; k < n / 2; k++)
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
