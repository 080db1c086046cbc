using System.Runtime.CompilerServices;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// The quantized row loop of every SIMD path, written once: rows from <paramref name="firstRow"/> while a
    /// whole pass of <c>TOps.RowsPerPass</c> rows fits; returns the first row it left. Per 32-byte block one load,
    /// per plane (32 weights):
    /// <code>
    ///   w    = lookup(table, codes &amp; mask) ; codes >>= cb     (for cb = 8 the byte is the level: no table)
    ///   acc += w · x[k..k+32)                                  (every frame, with the same w)
    /// </code>
    /// and when a segment's last plane is done, each frame's horizontal sum is stored and the next segment's table
    /// loaded. The byte layout (<see cref="PackedWeights"/>) puts plane p of a block in bits [p·cb, (p+1)·cb) of
    /// each byte, so the shift moves plane p+1 down and the mask drops the bits that crossed from the next byte.
    /// <typeparamref name="TOps"/> supplies the width's registers and instructions (<see cref="IQuantizedLaneOps{TVector, TAccumulator}"/>);
    /// every count and width here is a JIT constant, so each instantiation is a straight loop for one ISA,
    /// frame count and code width. The dots are exact int32 sums, so all instantiations agree bit for bit.
    /// </summary>
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Rows<TOps, TVector, TAccumulator, TF, TC>(ref DotJob job, int firstRow)
        where TOps : struct, IQuantizedLaneOps<TVector, TAccumulator>
        where TVector : struct
        where TAccumulator : struct
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits, planes = 8 / cb, kp = job.PaddedCols, frameStride = job.Rows * job.Segments, rowBytes = job.RowBytes;
        TVector mask = TOps.Broadcast((byte)((1 << cb) - 1)), one = TOps.MultiplyAddConstant;
        int r = firstRow;
        for (; r + TOps.RowsPerPass <= job.Rows; r += TOps.RowsPerPass)
        {
            byte* codes = job.Codes + ((long)r * rowBytes);
            sbyte* x0 = job.X, x1 = x0 + kp, x2 = x1 + kp, x3 = x2 + kp;
            int* dots = job.Dots + (r * job.Segments);
            TVector table = cb == 8 ? default : TOps.LoadTable(in job, r, 0);
            TAccumulator a0 = default, a1 = default, a2 = default, a3 = default;
            int seg = 0, left = job.PlanesPerSegment, k = 0;
            for (int b = 0; b < job.BlocksPerRow; b++)
            {
                (TVector, TVector) v = TOps.LoadCodes(codes + (b * 32), rowBytes);
                for (int p = 0; p < planes; p++, k += 32)
                {
                    (TVector, TVector) levels = v;
                    if (cb != 8)
                    {
                        levels = TOps.Lookup(table, v, mask);
                        v = TOps.Shift<TC>(v);
                    }

                    (TVector, TVector) w = TOps.Multiplicands(levels);
                    a0 = TOps.MultiplyAdd(a0, w, x0 + k, one);
                    if (TF.Count > 1)
                    {
                        a1 = TOps.MultiplyAdd(a1, w, x1 + k, one);
                        a2 = TOps.MultiplyAdd(a2, w, x2 + k, one);
                        a3 = TOps.MultiplyAdd(a3, w, x3 + k, one);
                    }

                    if (--left == 0)
                    {
                        TOps.HorizontalSum(dots + seg, job.Segments, a0);
                        a0 = default;
                        if (TF.Count > 1)
                        {
                            TOps.HorizontalSum(dots + frameStride + seg, job.Segments, a1);
                            TOps.HorizontalSum(dots + (2 * frameStride) + seg, job.Segments, a2);
                            TOps.HorizontalSum(dots + (3 * frameStride) + seg, job.Segments, a3);
                            a1 = a2 = a3 = default;
                        }

                        seg++;
                        left = job.PlanesPerSegment;
                        if (cb != 8 && job.TablePerSegment && seg < job.Segments)
                        {
                            table = TOps.LoadTable(in job, r, seg);
                        }
                    }
                }
            }
        }

        return r;
    }
}
