using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// The 128-bit driver, shared by the Vector128 and NEON paths (<typeparamref name="TIsa"/> supplies the
    /// lookup, shift, multiply-accumulate and horizontal sum): per row, each 32-byte block is two 16-byte halves;
    /// per plane and half, 16 codes are masked and looked up in the row's (or segment's) level table, then
    /// multiplied with 16 activations of each frame. A segment's total is stored when its last plane is done.
    /// </summary>
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsSimd128<TIsa, TF, TC>(ref DotJob job)
        where TIsa : struct, ISimd128Isa
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        AssertJob(in job, TC.Bits);
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
                        wl = TIsa.Lookup(table, lo & mask);
                        wh = TIsa.Lookup(table, hi & mask);
                        lo = TIsa.NextPlane<TC>(lo);
                        hi = TIsa.NextPlane<TC>(hi);
                    }

                    a0 = TIsa.Mac(TIsa.Mac(a0, wl, x0 + k), wh, x0 + k + 16);
                    if (TF.Count > 1)
                    {
                        a1 = TIsa.Mac(TIsa.Mac(a1, wl, x1 + k), wh, x1 + k + 16);
                        a2 = TIsa.Mac(TIsa.Mac(a2, wl, x2 + k), wh, x2 + k + 16);
                        a3 = TIsa.Mac(TIsa.Mac(a3, wl, x3 + k), wh, x3 + k + 16);
                    }

                    if (--left == 0)
                    {
                        dots[seg] = TIsa.Sum(a0);
                        a0 = default;
                        if (TF.Count > 1)
                        {
                            dots[frameStride + seg] = TIsa.Sum(a1);
                            dots[(2 * frameStride) + seg] = TIsa.Sum(a2);
                            dots[(3 * frameStride) + seg] = TIsa.Sum(a3);
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

    /// <summary>
    /// The layout every kernel relies on (checked in Debug builds only): rows padded to whole 32-byte blocks,
    /// 32-byte-aligned code rows for the aligned AVX loads, segments of whole planes, activations padded to the
    /// packed width (zeros beyond Cols, so padded weights contribute nothing).
    /// </summary>
    [Conditional("DEBUG")]
    internal static void AssertJob(in DotJob job, int codeBits)
    {
        Debug.Assert(codeBits is 2 or 4 or 8, "code width is 2, 4 or 8 bits");
        Debug.Assert(job.Rows > 0 && job.Segments > 0 && job.PlanesPerSegment > 0, "non-empty layer");
        Debug.Assert(job.RowBytes == job.BlocksPerRow * 32, "a packed row is whole 32-byte blocks");
        Debug.Assert(job.PaddedCols == job.BlocksPerRow * 32 * (8 / codeBits), "activations padded to the packed width");
        Debug.Assert(job.Segments * job.PlanesPerSegment == job.BlocksPerRow * (8 / codeBits), "segments tile the row's planes");
        Debug.Assert(((nuint)job.Codes & 31) == 0 && ((nuint)job.X & 31) == 0, "codes and activations 32-byte aligned");
        Debug.Assert(codeBits == 8 || job.Tables != null, "low-bit codes need level tables");
    }
}
