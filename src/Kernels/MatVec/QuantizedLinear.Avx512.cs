using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>AVX-512: two rows per pass (row r in the low 256 bits, row r+1 in the high 256); an odd last row goes through AVX2.</summary>
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsAvx512<TF, TC>(ref DotJob job)
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        AssertJob(in job, TC.Bits);
        if (TF.Count == 1 && TryDotsOffsetAvx512<TC>(ref job))
        {
            return;
        }

        int r = 0;
        for (; r + 2 <= job.Rows; r += 2)
        {
            RowPairAvx512<TF, TC>(ref job, r);
        }

        if (r < job.Rows)
        {
            RowAvx2<TF, TC>(ref job, r);
        }
    }

    /// <summary>
    /// Rows r and r+1 side by side, so a 32-byte block of each fills one zmm and the 32 activations are
    /// broadcast to both halves. vpshufb works per 128-bit lane, so lanes 0–1 hold row r's table and lanes 2–3
    /// row r+1's. AVX-512 has no vpsignb: x takes w's sign as (x ^ m) − m with m = (w &lt; 0) (|x| ≤ 127, so
    /// negation is exact). Then pmaddubsw/pmaddwd as on AVX2 (same no-saturation bound).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowPairAvx512<TF, TC>(ref DotJob job, int r)
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits, planes = 8 / cb, kp = job.PaddedCols, frameStride = job.Rows * job.Segments;
        Vector512<byte> mask = Vector512.Create((byte)((1 << cb) - 1));
        Vector512<short> ones = Vector512.Create((short)1);
        byte* codesA = job.Codes + ((long)r * job.RowBytes);
        byte* codesB = codesA + job.RowBytes;
        sbyte* x0 = job.X, x1 = x0 + kp, x2 = x1 + kp, x3 = x2 + kp;
        int* dotsA = job.Dots + (r * job.Segments);
        int* dotsB = dotsA + job.Segments;
        Vector512<sbyte> table = cb == 8 ? default : PairTable(ref job, r, 0);
        Vector512<int> a0 = default, a1 = default, a2 = default, a3 = default;
        int seg = 0, left = job.PlanesPerSegment, k = 0;
        for (int b = 0; b < job.BlocksPerRow; b++)
        {
            Vector512<byte> v = Vector512.Create(Vector256.LoadAligned(codesA + (b * 32)), Vector256.LoadAligned(codesB + (b * 32)));
            for (int p = 0; p < planes; p++, k += 32)
            {
                Vector512<sbyte> w;
                if (cb == 8)
                {
                    w = v.AsSByte();
                }
                else
                {
                    w = Avx512BW.Shuffle(table, (v & mask).AsSByte());
                    // cb is a JIT-time constant (generic TC); both branches are immediates.
                    v = (cb == 2 ? Avx512BW.ShiftRightLogical(v.AsUInt16(), 2) : Avx512BW.ShiftRightLogical(v.AsUInt16(), 4)).AsByte();
                }

                Vector512<byte> aw = Avx512BW.Abs(w);
                Vector512<sbyte> neg = Vector512.LessThan(w, Vector512<sbyte>.Zero);
                a0 = Mac512(a0, aw, neg, x0 + k, ones);
                if (TF.Count > 1)
                {
                    a1 = Mac512(a1, aw, neg, x1 + k, ones);
                    a2 = Mac512(a2, aw, neg, x2 + k, ones);
                    a3 = Mac512(a3, aw, neg, x3 + k, ones);
                }

                if (--left == 0)
                {
                    Store(dotsA, dotsB, seg, a0);
                    a0 = default;
                    if (TF.Count > 1)
                    {
                        Store(dotsA + frameStride, dotsB + frameStride, seg, a1);
                        Store(dotsA + (2 * frameStride), dotsB + (2 * frameStride), seg, a2);
                        Store(dotsA + (3 * frameStride), dotsB + (3 * frameStride), seg, a3);
                        a1 = a2 = a3 = default;
                    }

                    seg++;
                    left = job.PlanesPerSegment;
                    if (cb != 8 && job.TablePerSegment && seg < job.Segments)
                    {
                        table = PairTable(ref job, r, seg);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<sbyte> PairTable(ref DotJob job, int r, int seg) =>
        Vector512.Create(Vector256.Create(Vector128.Load(job.Table(r, seg))), Vector256.Create(Vector128.Load(job.Table(r + 1, seg))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Mac512(Vector512<int> acc, Vector512<byte> aw, Vector512<sbyte> neg, sbyte* x, Vector512<short> ones)
    {
        Vector256<sbyte> half = Vector256.Load(x);
        Vector512<sbyte> xv = Vector512.Create(half, half);
        Vector512<sbyte> sx = (xv ^ neg) - neg;
        return acc + Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(aw, sx), ones);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(int* dotsA, int* dotsB, int seg, Vector512<int> acc)
    {
        dotsA[seg] = Vector256.Sum(acc.GetLower());
        dotsB[seg] = Vector256.Sum(acc.GetUpper());
    }
}
