using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RtDenoise.Kernels.Fft;

/// <summary>
/// Forward and inverse FFT of a real signal of power-of-two length N (64..4096), allocation-free after
/// construction. Spectra are in split form: <c>re[k]</c>, <c>im[k]</c> for k = 0..N/2 (N/2 + 1 bins).
/// </summary>
/// <remarks>
/// <para>Algorithm: the classic "two-for-one" real FFT. The N real samples are viewed as N/2 complex samples
/// z[n] = x[2n] + i·x[2n+1]; one complex radix-2 FFT of size M = N/2 gives Z; the real spectrum follows from the
/// even/odd split (Numerical Recipes §12.3; Sorensen et al., IEEE TASSP 1987):</para>
/// <code>
///   Fe[k] = (Z[k] + conj Z[M-k]) / 2          (DFT of the even samples)
///   Fo[k] = (Z[k] - conj Z[M-k]) / (2i)       (DFT of the odd samples)
///   X[k]  = Fe[k] + W^k · Fo[k],  W = exp(-2πi/N),  k = 0..M
/// </code>
/// <para>The inverse runs the same steps backwards and includes the 1/N scaling, so
/// <c>Inverse(Forward(x)) == x</c>. The forward transform is unscaled (as MathNet's <c>FourierOptions.NoScaling</c>).</para>
/// <para>Why not MathNet.Numerics on the hot path: its <c>Fourier.ForwardReal</c> allocates ~4 KB per 512-point call
/// and works in double; the audio thread must not allocate. MathNet stays the reference in the tests.</para>
/// <para>Not thread-safe: one instance owns its scratch buffers (one instance per stream).</para>
/// </remarks>
public sealed class RealFft
{
    private readonly int _n;
    private readonly ComplexFft _fft;
    private readonly float[] _zr;
    private readonly float[] _zi;

    // Split-step twiddles W^k = exp(-2πik/N) for k = 0..M.
    private readonly float[] _wr;
    private readonly float[] _wi;

    public RealFft(int size)
    {
        if (size < 64 || size > 4096 || !BitOperations.IsPow2(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two in 64..4096.");
        }

        _n = size;
        int m = size / 2;
        _fft = new ComplexFft(m);
        _zr = new float[m];
        _zi = new float[m];
        _wr = new float[m + 1];
        _wi = new float[m + 1];
        for (int k = 0; k <= m; k++)
        {
            double a = -2.0 * Math.PI * k / size;
            _wr[k] = (float)Math.Cos(a);
            _wi[k] = (float)Math.Sin(a);
        }
    }

    /// <summary>Transform length N.</summary>
    public int Size => _n;

    /// <summary>Number of spectrum bins, N/2 + 1.</summary>
    public int Bins => (_n / 2) + 1;

    /// <summary>X = DFT(x), unscaled. <paramref name="input"/> has N samples; re/im have N/2 + 1 bins.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> re, Span<float> im)
    {
        int m = _n / 2;
        if (input.Length < _n)
        {
            ThrowHelper.BufferTooShort(nameof(input));
        }

        if (re.Length < m + 1 || im.Length < m + 1)
        {
            ThrowHelper.BufferTooShort(re.Length < m + 1 ? nameof(re) : nameof(im));
        }

        // Deinterleave even/odd samples into the complex work arrays (z = x_even + i x_odd).
        Deinterleave(input[.._n], _zr, _zi);
        _fft.Forward(_zr, _zi);

        // k = 0 and k = M use Z[0] only: X[0] = Zr+Zi, X[M] = Zr-Zi (both real).
        float z0r = _zr[0], z0i = _zi[0];
        re[0] = z0r + z0i;
        im[0] = 0f;
        re[m] = z0r - z0i;
        im[m] = 0f;

        ref float zr = ref MemoryMarshal.GetArrayDataReference(_zr);
        ref float zi = ref MemoryMarshal.GetArrayDataReference(_zi);
        ref float wr = ref MemoryMarshal.GetArrayDataReference(_wr);
        ref float wi = ref MemoryMarshal.GetArrayDataReference(_wi);
        for (int k = 1; k <= m / 2; k++)
        {
            int j = m - k;
            float ar = Unsafe.Add(ref zr, k), ai = Unsafe.Add(ref zi, k);
            float br = Unsafe.Add(ref zr, j), bi = Unsafe.Add(ref zi, j);

            // Fe = (Z[k] + conj Z[j]) / 2, Fo = (Z[k] - conj Z[j]) / (2i)
            float fer = 0.5f * (ar + br), fei = 0.5f * (ai - bi);
            float for_ = 0.5f * (ai + bi), foi = -0.5f * (ar - br);

            float twr = Unsafe.Add(ref wr, k), twi = Unsafe.Add(ref wi, k);
            float tr = (twr * for_) - (twi * foi);
            float ti = (twr * foi) + (twi * for_);
            re[k] = fer + tr;
            im[k] = fei + ti;

            // X[j] = conj(Fe[k] - W^k Fo[k])  (mirror pair computed from the same butterfly)
            re[j] = fer - tr;
            im[j] = -(fei - ti);
        }
    }

    /// <summary>x = IDFT(X) including the 1/N scaling. re/im have N/2 + 1 bins; output has N samples.</summary>
    public void Inverse(ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> output)
    {
        int m = _n / 2;
        if (re.Length < m + 1 || im.Length < m + 1)
        {
            ThrowHelper.BufferTooShort(re.Length < m + 1 ? nameof(re) : nameof(im));
        }

        if (output.Length < _n)
        {
            ThrowHelper.BufferTooShort(nameof(output));
        }

        ref float wr = ref MemoryMarshal.GetArrayDataReference(_wr);
        ref float wi = ref MemoryMarshal.GetArrayDataReference(_wi);

        // Rebuild Z[k] = Fe[k] + i·Fo[k] with Fe = (X[k] + conj X[M-k]) / 2 and Fo = (X[k] - conj X[M-k]) / (2 W^k).
        // Imaginary parts of X[0] and X[M] are ignored (they are zero for a real signal).
        {
            float x0 = re[0], xm = re[m];
            _zr[0] = 0.5f * (x0 + xm);
            _zi[0] = 0.5f * (x0 - xm);
        }

        for (int k = 1; k <= m / 2; k++)
        {
            int j = m - k;
            float ar = re[k], ai = im[k];
            float br = re[j], bi = im[j];
            float fer = 0.5f * (ar + br), fei = 0.5f * (ai - bi);
            float dr = 0.5f * (ar - br), di = 0.5f * (ai + bi);

            // Fo = D / W^k = D · conj(W^k)  (|W| = 1)
            float twr = Unsafe.Add(ref wr, k), twi = Unsafe.Add(ref wi, k);
            float fo_r = (dr * twr) + (di * twi);
            float fo_i = (di * twr) - (dr * twi);

            // Z[k] = Fe + i·Fo ;  Z[j] = conj(Fe) + i·conj(Fo) (the mirror identities of real sequences)
            _zr[k] = fer - fo_i;
            _zi[k] = fei + fo_r;
            _zr[j] = fer + fo_i;
            _zi[j] = -fei + fo_r;
        }

        _fft.Inverse(_zr, _zi);
        Interleave(_zr, _zi, output[.._n]);
    }

    private static void Deinterleave(ReadOnlySpan<float> x, Span<float> even, Span<float> odd)
    {
        for (int i = 0; i < even.Length; i++)
        {
            even[i] = x[2 * i];
            odd[i] = x[(2 * i) + 1];
        }
    }

    private static void Interleave(ReadOnlySpan<float> even, ReadOnlySpan<float> odd, Span<float> x)
    {
        for (int i = 0; i < even.Length; i++)
        {
            x[2 * i] = even[i];
            x[(2 * i) + 1] = odd[i];
        }
    }
}
