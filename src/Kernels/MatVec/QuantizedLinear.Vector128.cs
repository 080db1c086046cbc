using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// Portable Vector128 path (any ISA with 128-bit SIMD): the 32-byte block is two 16-byte halves; per plane
    /// and half, 16 codes are masked, looked up with <c>Vector128.ShuffleNative</c> (pshufb / tbl), and
    /// multiplied after widening to int16: each product is at most 128·127 = 16256, so the sum of the lower and
    /// upper half products fits int16 before the widening to int32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsVector128<TF, TC>(ref DotJob job)
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits, planes = 8 / cb, kp = job.PaddedCols, frameStride = job.Rows * job.Segments;
        Vector128<byte> mask = Vector128.Create((byte)((1 << cb) - 1));
        for (int r = 0; r < job.Rows; r++)
        {
            byte* codes = job.Codes + ((long)r * job.RowBytes);
            sbyte* x0 = job.X, x1 = x0 + kp, x2 = x1 + kp, x3 = x2 + kp;
            int* dots = job.Dots + (r * job.Segments);
            Vector128<sbyte> table = cb == 8 ? default : Vector128.Load(job.Table(r, 0));
            Vector128<int> a0 = default, a1 = default, a2 = default, a3 = default;
            int seg = 0, left = job.PlanesPerSegment, k = 0;
            for (int b = 0; b < job.BlocksPerRow; b++)
            {
                Vector128<byte> lo = Vector128.Load(codes + (b * 32)), hi = Vector128.Load(codes + (b * 32) + 16);
                for (int p = 0; p < planes; p++, k += 32)
                {
                    Vector128<sbyte> wl, wh;
                    if (cb == 8)
                    {
                        wl = lo.AsSByte();
                        wh = hi.AsSByte();
                    }
                    else
                    {
                        wl = Vector128.ShuffleNative(table, (lo & mask).AsSByte());
                        wh = Vector128.ShuffleNative(table, (hi & mask).AsSByte());
                        lo = Vector128.ShiftRightLogical(lo, cb);
                        hi = Vector128.ShiftRightLogical(hi, cb);
                    }

                    a0 = Mac128(Mac128(a0, wl, x0 + k), wh, x0 + k + 16);
                    if (TF.Count > 1)
                    {
                        a1 = Mac128(Mac128(a1, wl, x1 + k), wh, x1 + k + 16);
                        a2 = Mac128(Mac128(a2, wl, x2 + k), wh, x2 + k + 16);
                        a3 = Mac128(Mac128(a3, wl, x3 + k), wh, x3 + k + 16);
                    }

                    if (--left == 0)
                    {
                        dots[seg] = Vector128.Sum(a0);
                        a0 = default;
                        if (TF.Count > 1)
                        {
                            dots[frameStride + seg] = Vector128.Sum(a1);
                            dots[(2 * frameStride) + seg] = Vector128.Sum(a2);
                            dots[(3 * frameStride) + seg] = Vector128.Sum(a3);
                            a1 = a2 = a3 = default;
                        }

                        seg++;
                        left = job.PlanesPerSegment;
                        if (cb != 8 && job.TablePerSegment && seg < job.Segments)
                        {
                            table = Vector128.Load(job.Table(r, seg));
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Mac128(Vector128<int> acc, Vector128<sbyte> w, sbyte* x)
    {
        (Vector128<short> wl, Vector128<short> wh) = Vector128.Widen(w);
        (Vector128<short> xl, Vector128<short> xh) = Vector128.Widen(Vector128.Load(x));
        (Vector128<int> pl, Vector128<int> ph) = Vector128.Widen((wl * xl) + (wh * xh));
        return acc + pl + ph;
    }
}
