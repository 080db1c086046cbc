using System.Numerics;

namespace RtDenoise.Engine.Metrics;

/// <summary>
/// Power spectra |X[k]|², k = 0..N/2, of two real frames at once, in double precision, from one complex radix-2
/// FFT of z = a + i·b (the "two real FFTs for the price of one" identity, Numerical Recipes §12.3):
/// <code>
///   A[k] = (Z[k] + conj Z[N-k]) / 2        |A[k]|² = ((Zr[k] + Zr[N-k])² + (Zi[k] - Zi[N-k])²) / 4
///   B[k] = (Z[k] - conj Z[N-k]) / (2i)     |B[k]|² = ((Zr[k] - Zr[N-k])² + (Zi[k] + Zi[N-k])²) / 4
/// </code>
/// The metric needs double precision (the engine's <c>RealFft</c> is single precision for the audio path), and
/// STOI always transforms a clean and a processed frame together.
/// </summary>
/// <remarks>Not thread-safe: one instance owns its work buffers.</remarks>
public sealed class PairedPowerSpectrum
{
    private readonly int _n;
    private readonly int _log2N;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _bitReverse;

    public PairedPowerSpectrum(int size)
    {
        if (size < 4 || !BitOperations.IsPow2(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two >= 4.");
        }

        _n = size;
        _log2N = BitOperations.Log2((uint)size);
        _re = new double[size];
        _im = new double[size];
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (int k = 0; k < size / 2; k++)
        {
            double a = -2.0 * Math.PI * k / size;
            _cos[k] = Math.Cos(a);
            _sin[k] = Math.Sin(a);
        }

        _bitReverse = new int[size];
        for (int i = 0; i < size; i++)
        {
            int r = 0;
            for (int b = 0; b < _log2N; b++)
            {
                r |= ((i >> b) & 1) << (_log2N - 1 - b);
            }

            _bitReverse[i] = r;
        }
    }

    /// <summary>Number of output bins, N/2 + 1.</summary>
    public int Bins => (_n / 2) + 1;

    /// <summary>Power spectra of <paramref name="a"/> and <paramref name="b"/> (each at most N samples, zero-padded
    /// to N) into <paramref name="powerA"/> and <paramref name="powerB"/> (N/2 + 1 bins each).</summary>
    public void Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> powerA, Span<double> powerB)
    {
        if (a.Length > _n || b.Length > _n)
        {
            throw new ArgumentException($"frames must have at most {_n} samples (got {a.Length} and {b.Length}).");
        }

        if (powerA.Length < Bins || powerB.Length < Bins)
        {
            throw new ArgumentException($"power spectra need {Bins} bins.");
        }

        // Bit-reversed load of z = a + i·b (zero padding beyond the frames).
        for (int i = 0; i < _n; i++)
        {
            int j = _bitReverse[i];
            _re[i] = j < a.Length ? a[j] : 0.0;
            _im[i] = j < b.Length ? b[j] : 0.0;
        }

        Transform();

        for (int k = 0; k <= _n / 2; k++)
        {
            int m = (_n - k) & (_n - 1);
            double sr = _re[k] + _re[m], dr = _re[k] - _re[m];
            double si = _im[k] + _im[m], di = _im[k] - _im[m];
            powerA[k] = ((sr * sr) + (di * di)) * 0.25;
            powerB[k] = ((dr * dr) + (si * si)) * 0.25;
        }
    }

    // Iterative decimation-in-time radix-2 butterflies over the bit-reversed data (Cooley & Tukey 1965).
    private void Transform()
    {
        for (int span = 1, stage = 0; stage < _log2N; stage++, span <<= 1)
        {
            int twiddleStride = _n / (2 * span);
            for (int start = 0; start < _n; start += 2 * span)
            {
                for (int k = 0; k < span; k++)
                {
                    double wr = _cos[k * twiddleStride], wi = _sin[k * twiddleStride];
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
