using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// ARM64 NEON: per plane and 16-byte half, <c>ushr</c> + <c>and</c> give 16 codes, <c>tbl</c> maps them to
    /// int8 levels, and <c>sdot</c> (Dp, ARMv8.2) accumulates four 4-element dot products per lane. Without
    /// Dp: <c>smull</c>/<c>smlal2</c> into int16 (|sum of two products| ≤ 32512) and <c>sadalp</c> into int32.
    /// The lanes hold different partial sums in the two variants (ggml's vdotq_s32 warning), but the segment
    /// total is the same exact integer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsNeon<TF, TC>(ref DotJob job)
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
            Vector128<sbyte> table = cb == 8 ? default : AdvSimd.LoadVector128(job.Table(r, 0));
            Vector128<int> a0 = default, a1 = default, a2 = default, a3 = default;
            int seg = 0, left = job.PlanesPerSegment, k = 0;
            for (int b = 0; b < job.BlocksPerRow; b++)
            {
                Vector128<byte> lo = AdvSimd.LoadVector128(codes + (b * 32)), hi = AdvSimd.LoadVector128(codes + (b * 32) + 16);
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
                        wl = AdvSimd.Arm64.VectorTableLookup(table, AdvSimd.And(lo, mask).AsSByte());
                        wh = AdvSimd.Arm64.VectorTableLookup(table, AdvSimd.And(hi, mask).AsSByte());
                        // cb is a JIT-time constant (generic TC); both branches are immediates.
                        lo = cb == 2 ? AdvSimd.ShiftRightLogical(lo, 2) : AdvSimd.ShiftRightLogical(lo, 4);
                        hi = cb == 2 ? AdvSimd.ShiftRightLogical(hi, 2) : AdvSimd.ShiftRightLogical(hi, 4);
                    }

                    a0 = MacNeon(MacNeon(a0, wl, x0 + k), wh, x0 + k + 16);
                    if (TF.Count > 1)
                    {
                        a1 = MacNeon(MacNeon(a1, wl, x1 + k), wh, x1 + k + 16);
                        a2 = MacNeon(MacNeon(a2, wl, x2 + k), wh, x2 + k + 16);
                        a3 = MacNeon(MacNeon(a3, wl, x3 + k), wh, x3 + k + 16);
                    }

                    if (--left == 0)
                    {
                        dots[seg] = AdvSimd.Arm64.AddAcross(a0).ToScalar();
                        a0 = default;
                        if (TF.Count > 1)
                        {
                            dots[frameStride + seg] = AdvSimd.Arm64.AddAcross(a1).ToScalar();
                            dots[(2 * frameStride) + seg] = AdvSimd.Arm64.AddAcross(a2).ToScalar();
                            dots[(3 * frameStride) + seg] = AdvSimd.Arm64.AddAcross(a3).ToScalar();
                            a1 = a2 = a3 = default;
                        }

                        seg++;
                        left = job.PlanesPerSegment;
                        if (cb != 8 && job.TablePerSegment && seg < job.Segments)
                        {
                            table = AdvSimd.LoadVector128(job.Table(r, seg));
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> MacNeon(Vector128<int> acc, Vector128<sbyte> w, sbyte* xp)
    {
        Vector128<sbyte> x = AdvSimd.LoadVector128(xp);
        if (Dp.IsSupported)
        {
            return Dp.DotProduct(acc, w, x);
        }

        Vector128<short> p = AdvSimd.MultiplyWideningLower(w.GetLower(), x.GetLower());
        p = AdvSimd.MultiplyWideningUpperAndAdd(p, w, x);
        return AdvSimd.AddPairwiseWideningAndAdd(acc, p);
    }
}
