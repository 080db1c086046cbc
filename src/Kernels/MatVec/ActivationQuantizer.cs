using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// Dynamic symmetric int8 quantization of one activation vector per call: scale = max|x| / 127,
/// q = round_to_even(x · 127/max|x|) ∈ [−127, 127] (−128 is never produced, so |q·w| fits the pmaddubsw
/// pair sum, see the AVX2 kernel). The vector version computes exactly the same values as the scalar one
/// (max is order-independent; one IEEE multiply and one round per element), so every kernel path sees the
/// same integers.
/// </summary>
internal static unsafe class ActivationQuantizer
{
    /// <summary>Quantizes x into q (q beyond x.Length is left untouched) and returns the scale.</summary>
    // Optimised at first call, not tier 0: KernelPlanner times the layers at load, before tiering would promote
    // this, and the figures must be the steady state's (as the kernels themselves are).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float QuantizeScalar(ReadOnlySpan<float> x, sbyte* q)
    {
        float max = 0;
        foreach (float v in x)
        {
            max = MathF.Max(max, MathF.Abs(v));
        }

        if (max == 0 || !float.IsFinite(max))
        {
            new Span<sbyte>(q, x.Length).Clear();
            return max == 0 ? 0 : float.NaN;
        }

        float inv = 127f / max;
        for (int i = 0; i < x.Length; i++)
        {
            q[i] = (sbyte)Math.Clamp((int)MathF.Round(x[i] * inv), -127, 127);
        }

        return max / 127f;
    }

    // Optimised at first call, not tier 0: KernelPlanner times the layers at load, before tiering would promote
    // this, and the figures must be the steady state's (as the kernels themselves are).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Quantize(ReadOnlySpan<float> x, sbyte* q)
    {
        if (!Vector128.IsHardwareAccelerated || x.Length < 16)
        {
            return QuantizeScalar(x, q);
        }

        ref float x0 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        Vector128<float> vmax = Vector128<float>.Zero;
        for (; i <= n - 4; i += 4)
        {
            vmax = Vector128.Max(vmax, Vector128.Abs(Vector128.LoadUnsafe(ref x0, (nuint)i)));
        }

        float max = MathF.Max(MathF.Max(vmax[0], vmax[1]), MathF.Max(vmax[2], vmax[3]));
        for (; i < n; i++)
        {
            max = MathF.Max(max, MathF.Abs(Unsafe.Add(ref x0, i)));
        }

        if (max == 0 || !float.IsFinite(max))
        {
            new Span<sbyte>(q, n).Clear();
            return max == 0 ? 0 : float.NaN;
        }

        float inv = 127f / max;
        Vector128<float> vinv = Vector128.Create(inv);
        Vector128<int> lo = Vector128.Create(-127), hi = Vector128.Create(127);
        for (i = 0; i <= n - 16; i += 16)
        {
            Vector128<int> a = Clamp(Vector128.LoadUnsafe(ref x0, (nuint)i) * vinv, lo, hi);
            Vector128<int> b = Clamp(Vector128.LoadUnsafe(ref x0, (nuint)(i + 4)) * vinv, lo, hi);
            Vector128<int> c = Clamp(Vector128.LoadUnsafe(ref x0, (nuint)(i + 8)) * vinv, lo, hi);
            Vector128<int> d = Clamp(Vector128.LoadUnsafe(ref x0, (nuint)(i + 12)) * vinv, lo, hi);
            Vector128<sbyte> packed = Vector128.Narrow(Vector128.Narrow(a, b), Vector128.Narrow(c, d));
            packed.Store(q + i);
        }

        for (; i < n; i++)
        {
            q[i] = (sbyte)Math.Clamp((int)MathF.Round(Unsafe.Add(ref x0, i) * inv), -127, 127);
        }

        return max / 127f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Clamp(Vector128<float> v, Vector128<int> lo, Vector128<int> hi) =>
        Vector128.Min(Vector128.Max(Vector128.ConvertToInt32(Vector128.Round(v)), lo), hi);
}
