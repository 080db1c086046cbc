using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RtDenoise.Kernels.Numerics;

/// <summary>
/// A float dot product whose result is the same bits on every CPU and ISA switch: AVX-512 or AVX2 under the JIT,
/// the NativeAOT plugin built for x86-64-v3, <c>DOTNET_EnableHWIntrinsic=0</c>, ARM64 NEON.
/// </summary>
/// <remarks>
/// Why not <c>TensorPrimitives.Dot</c> (the library we use elsewhere): it accumulates in the widest vector the
/// machine has, so the summation order — and the last bits — change with the vector width. The resampler's outputs
/// then differ by up to 2.4e-4 between the JIT on an AVX-512 CPU and the AVX2 plugin, which makes "the
/// plugin equals `rtdenoise denoise`" machine-dependent. Here the order is fixed by construction:
/// <code>
///   lanes:   acc0 += a[i..i+3]·b[i..i+3],  acc1 += a[i+4..i+7]·b[i+4..i+7]      i = 0, 8, 16, …  (Vector128, no FMA)
///   reduce:  s = acc0 + acc1;  r = (s0 + s1) + (s2 + s3)
///   tail:    r += a[j]·b[j] for the last len mod 8 elements, in order
/// </code>
/// Vector128 exists on every target (SSE, NEON, and a lane-by-lane software fallback that rounds the same way), and
/// multiply-then-add is never contracted to FMA by .NET, so each lane's arithmetic is the same IEEE sequence
/// everywhere. Two accumulators keep two independent add chains in flight.
/// </remarks>
public static class FixedOrderDot
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch();
        }

        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        int n = a.Length, i = 0;
        Vector128<float> acc0 = Vector128<float>.Zero, acc1 = Vector128<float>.Zero;
        for (; i + 8 <= n; i += 8)
        {
            acc0 += Vector128.LoadUnsafe(ref pa, (nuint)i) * Vector128.LoadUnsafe(ref pb, (nuint)i);
            acc1 += Vector128.LoadUnsafe(ref pa, (nuint)(i + 4)) * Vector128.LoadUnsafe(ref pb, (nuint)(i + 4));
        }

        Vector128<float> s = acc0 + acc1;
        float r = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
        for (; i < n; i++)
        {
            r += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }

        return r;
    }
}
