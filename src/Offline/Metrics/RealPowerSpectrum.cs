using System.Numerics;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Power spectrum |X[k]|², k = 0..N/2, of one real frame zero-padded to N, in double precision (the engine's
/// <c>RealFft</c> is single precision for the audio path; the metric must match NumPy's float64 <c>rfft</c>).
/// </summary>
/// <remarks>
/// <para>Two-for-one real FFT (Numerical Recipes §12.3): the N real samples become N/2 complex ones
/// z[n] = x[2n] + i·x[2n+1], one complex radix-2 FFT of size M = N/2 gives Z, and</para>
/// <code>
///   Fe[k] = (Z[k] + conj Z[M-k]) / 2,   Fo[k] = (Z[k] - conj Z[M-k]) / (2i),   X[k] = Fe[k] + e^(-2πik/N)·Fo[k]
/// </code>
/// <para>Each signal gets its own transform on purpose: packing a clean and a processed frame into one complex FFT
/// would leak the clean frame's rounding error (~1e-16 of its level, shaped like its spectrum) into the processed
/// spectrum, and STOI's energy normalisation would blow that leak up whenever the processed signal is (near) silent.</para>
/// <para>Not thread-safe: one instance owns its work buffers.</para>
/// </remarks>
public sealed class RealPowerSpectrum
{
    private readonly int _n;
    private readonly int _m;
    private readonly int _log2M;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly double[] _cosM;
    private readonly double[] _sinM;
    private readonly double[] _cosN;
    private readonly double[] _sinN;
    private readonly int[] _bitReverse;

    public RealPowerSpectrum(int size)
    {
        if (size < 8 || !BitOperations.IsPow2(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two >= 8.");
        }

        _n = size;
        _m = size / 2;
        _log2M = BitOperations.Log2((uint)_m);
        _re = new double[_m];
        _im = new double[_m];
        _cosM = new double[_m / 2];
        _sinM = new double[_m / 2];
        for (int k = 0; k < _m / 2; k++)
        {
            double a = -2.0 * Math.PI * k / _m;
            _cosM[k] = Math.Cos(a);
            _sinM[k] = Math.Sin(a);
        }

        _cosN = new double[_m + 1];
        _sinN = new double[_m + 1];
        for (int k = 0; k <= _m; k++)
        {
            double a = -2.0 * Math.PI * k / _n;
            _cosN[k] = Math.Cos(a);
            _sinN[k] = Math.Sin(a);
        }

        _bitReverse = new int[_m];
        for (int i = 0; i < _m; i++)
        {
            int r = 0;
            for (int b = 0; b < _log2M; b++)
            {
                r |= ((i >> b) & 1) << (_log2M - 1 - b);
            }

            _bitReverse[i] = r;
        }
    }

    /// <summary>Number of output bins, N/2 + 1.</summary>
    public int Bins => _m + 1;

    /// <summary>Power spectrum of <paramref name="frame"/> (at most N samples, zero-padded to N) into
    /// <paramref name="power"/> (N/2 + 1 bins).</summary>
    public void Compute(ReadOnlySpan<double> frame, Span<double> power)
    {
        if (frame.Length > _n)
        {
            throw new ArgumentException($"frame must have at most {_n} samples (got {frame.Length}).", nameof(frame));
        }

        if (power.Length < Bins)
        {
            throw new ArgumentException($"power spectrum needs {Bins} bins (got {power.Length}).", nameof(power));
        }

        // Bit-reversed load of z[n] = x[2n] + i·x[2n+1], zero beyond the frame.
        for (int i = 0; i < _m; i++)
        {
            int j = 2 * _bitReverse[i];
            _re[i] = j < frame.Length ? frame[j] : 0.0;
            _im[i] = j + 1 < frame.Length ? frame[j + 1] : 0.0;
        }

        Transform();

        for (int k = 0; k <= _m; k++)
        {
            int a = k & (_m - 1);          // Z[M] = Z[0]
            int b = (_m - k) & (_m - 1);
            double fer = 0.5 * (_re[a] + _re[b]);
            double fei = 0.5 * (_im[a] - _im[b]);
            double forr = 0.5 * (_im[a] + _im[b]);
            double foi = -0.5 * (_re[a] - _re[b]);
            double xr = fer + (_cosN[k] * forr) - (_sinN[k] * foi);
            double xi = fei + (_cosN[k] * foi) + (_sinN[k] * forr);
            power[k] = (xr * xr) + (xi * xi);
        }
    }

    // Iterative decimation-in-time radix-2 butterflies over the bit-reversed data (Cooley & Tukey 1965).
    private void Transform()
    {
        for (int span = 1; span < _m; span <<= 1)
        {
            int twiddleStride = _m / (2 * span);
            for (int start = 0; start < _m; start += 2 * span)
            {
                for (int k = 0; k < span; k++)
                {
                    double wr = _cosM[k * twiddleStride], wi = _sinM[k * twiddleStride];
                    int p = start + k, q = p + span;
                    double tr = (wr * _re[q]) - (wi * _im[q]);
                    double ti = (wr * _im[q]) + (wi * _re[q]);
                    _re[q] = _re[p] - tr;
                    _im[q] = _im[p] - ti;
                    _re[p] += tr;
                    _im[p] += ti;
                }
            }
        }
    }
}
