using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RtDenoise.Kernels.Fft;

/// <summary>
/// In-place complex FFT of power-of-two size M on split arrays (re[], im[]): iterative radix-2
/// decimation-in-time (Cooley–Tukey) with a precomputed bit-reversal table and per-stage contiguous twiddles.
/// </summary>
/// <remarks>
/// Twiddles are stored per stage so the butterfly loop reads them with unit stride; that makes the inner loop
/// vectorisable with <see cref="Vector{T}"/> (8 floats on AVX2, 16 with AVX-512 where Vector&lt;T&gt; is 512-bit,
/// 4 on NEON) for every stage whose half-length is at least one vector. The first stages (half-length 1, 2, 4)
/// run scalar: they are a small share of the work for N ≥ 64.
/// <code>
///   stage s (len = 2^s, half = len/2):  for each block j: for k in 0..half-1:
///       t = w_s[k] · x[j+k+half];  x[j+k+half] = x[j+k] − t;  x[j+k] += t
/// </code>
/// </remarks>
internal sealed class ComplexFft
{
    private readonly int _m;
    private readonly int[] _bitReverse;

    // Stage twiddles, concatenated: stage with half-length h occupies [h-1, 2h-1). Total M-1 entries.
    private readonly float[] _twr;
    private readonly float[] _twi;

    public ComplexFft(int m)
    {
        _m = m;
        int bits = BitOperations.Log2((uint)m);
        _bitReverse = new int[m];
        for (int i = 0; i < m; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReverse[i] = r;
        }

        _twr = new float[Math.Max(1, m - 1)];
        _twi = new float[Math.Max(1, m - 1)];
        for (int half = 1; half < m; half <<= 1)
        {
            for (int k = 0; k < half; k++)
            {
                double a = -Math.PI * k / half;
                _twr[half - 1 + k] = (float)Math.Cos(a);
                _twi[half - 1 + k] = (float)Math.Sin(a);
            }
        }
    }

    /// <summary>Unscaled forward transform, in place.</summary>
    public void Forward(Span<float> re, Span<float> im)
    {
        Permute(re, im);
        Butterflies(re, im);
    }

    /// <summary>Inverse transform with 1/M scaling, in place (conjugate, forward, conjugate).</summary>
    public void Inverse(Span<float> re, Span<float> im)
    {
        Negate(im);
        Permute(re, im);
        Butterflies(re, im);
        float scale = 1f / _m;
        Scale(re, scale);
        Scale(im, -scale);
    }

    private void Permute(Span<float> re, Span<float> im)
    {
        for (int i = 0; i < _m; i++)
        {
            int j = _bitReverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
    }

    private void Butterflies(Span<float> re, Span<float> im)
    {
        ref float xr = ref MemoryMarshal.GetReference(re);
        ref float xi = ref MemoryMarshal.GetReference(im);
        ref float twr0 = ref MemoryMarshal.GetArrayDataReference(_twr);
        ref float twi0 = ref MemoryMarshal.GetArrayDataReference(_twi);
        int vc = Vector<float>.Count;

        for (int half = 1; half < _m; half <<= 1)
        {
            int len = half << 1;
            ref float wr = ref Unsafe.Add(ref twr0, half - 1);
            ref float wi = ref Unsafe.Add(ref twi0, half - 1);
            bool vector = Vector.IsHardwareAccelerated && half >= vc;
            for (int j = 0; j < _m; j += len)
            {
                int k = 0;
                if (vector)
                {
                    for (; k < half; k += vc)
                    {
                        ref float ar = ref Unsafe.Add(ref xr, j + k);
                        ref float ai = ref Unsafe.Add(ref xi, j + k);
                        ref float br = ref Unsafe.Add(ref xr, j + k + half);
                        ref float bi = ref Unsafe.Add(ref xi, j + k + half);
                        Vector<float> vwr = Vector.LoadUnsafe(ref Unsafe.Add(ref wr, k));
                        Vector<float> vwi = Vector.LoadUnsafe(ref Unsafe.Add(ref wi, k));
                        Vector<float> vbr = Vector.LoadUnsafe(ref br);
                        Vector<float> vbi = Vector.LoadUnsafe(ref bi);
                        Vector<float> tr = (vwr * vbr) - (vwi * vbi);
                        Vector<float> ti = (vwr * vbi) + (vwi * vbr);
                        Vector<float> var = Vector.LoadUnsafe(ref ar);
                        Vector<float> vai = Vector.LoadUnsafe(ref ai);
                        (var - tr).StoreUnsafe(ref br);
                        (vai - ti).StoreUnsafe(ref bi);
                        (var + tr).StoreUnsafe(ref ar);
                        (vai + ti).StoreUnsafe(ref ai);
                    }
                }

                for (; k < half; k++)
                {
                    ref float ar = ref Unsafe.Add(ref xr, j + k);
                    ref float ai = ref Unsafe.Add(ref xi, j + k);
                    ref float br = ref Unsafe.Add(ref xr, j + k + half);
                    ref float bi = ref Unsafe.Add(ref xi, j + k + half);
                    float cwr = Unsafe.Add(ref wr, k), cwi = Unsafe.Add(ref wi, k);
                    float tr = (cwr * br) - (cwi * bi);
                    float ti = (cwr * bi) + (cwi * br);
                    br = ar - tr;
                    bi = ai - ti;
                    ar += tr;
                    ai += ti;
                }
            }
        }
    }

    private static void Negate(Span<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = -x[i];
        }
    }

    private static void Scale(Span<float> x, float s)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= s;
        }
    }
}
