using System.Runtime.CompilerServices;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// How many whole blocks of pmaddubsw results may be summed in int16 lanes (vpaddw, which wraps) before one
    /// vpmaddwd widens them, with no possible overflow; 0 = none (use <see cref="OffsetLevelsAvx2"/> with int32 accumulation).
    /// <para>Bound: one pmaddubsw int16 lane is u₀·x₀ + u₁·x₁ with 0 ≤ u ≤ U and |x| ≤ 127 (the activation
    /// quantizer never produces −128), so |lane| ≤ 2·127·U = 254·U, and pmaddubsw itself cannot saturate
    /// (254·128 = 32512 ≤ 32767). A sum of m lanes is bounded by m·254·U, which fits int16 exactly when
    /// m ≤ ⌊32767 / (254·U)⌋. A block adds <paramref name="planes"/> lanes (one per plane) to each accumulator
    /// lane, so ⌊32767 / (254·U)⌋ / planes blocks are safe. Shipped model: vbs4 levels ±7 → U = 14 → 9 lanes →
    /// 4 blocks of 2 nibble planes; vbs3 ±3 → U = 6 → 21 lanes → 10 blocks; levels up to ±64 (U = 128) → 0.</para>
    /// </summary>
    internal static int Int16Blocks(int maxOffsetLevel, int planes) =>
        maxOffsetLevel == 0 ? int.MaxValue / 2 : 32767 / (254 * maxOffsetLevel) / planes;

    /// <summary>o·Σx per segment into <see cref="DotJob.XSums"/>: Σ u·x = Σ level·x + o·Σx, so the offset loops subtract it.</summary>
    internal static void OffsetXSums(ref DotJob job)
    {
        int segLen = job.PlanesPerSegment * 32;
        for (int seg = 0; seg < job.Segments; seg++)
        {
            job.XSums[seg] = job.LevelOffset * ActivationSums.Sum(job.X + (seg * segLen), segLen);
        }
    }

    /// <summary>
    /// One frame of offset-table codes (<see cref="OffsetLevelsAvx2"/>), segments of whole blocks: rows from
    /// <paramref name="r"/> in passes of two registers (2 rows on AVX2, 4 on AVX-512) × one segment at a time,
    /// each activation register shared by every row of the pass; returns the first row it left. Needs
    /// <see cref="OffsetXSums"/> done and <paramref name="int16Blocks"/> ≥ 1 (<see cref="Int16Blocks"/>).
    /// Per 32 weights and register: vpand + vpshufb + vpsrlw + pmaddubsw + vpaddw; one vpmaddwd + vpaddd per
    /// register every int16Blocks blocks. Integer sums, so bit-identical to the other paths.
    /// </summary>
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int RowsOffsetInt16<TOps, TVector, TAccumulator, TC>(ref DotJob job, int r, int int16Blocks)
        where TOps : struct, IOffsetLaneOps<TVector, TAccumulator>
        where TVector : struct
        where TAccumulator : struct
        where TC : struct, ICodeWidth
    {
        int rows = TOps.RowsPerPass, segs = job.Segments, blocks = job.PlanesPerSegment / (8 / TC.Bits);
        for (; r + (2 * rows) <= job.Rows; r += 2 * rows)
        {
            for (int seg = 0; seg < segs; seg++)
            {
                (TAccumulator a0, TAccumulator a1) = SegmentOffsetInt16<TOps, TVector, TAccumulator, TC>(ref job, r, seg, blocks, int16Blocks);
                int* dot = job.Dots + (r * segs) + seg;
                TOps.HorizontalSum(dot, segs, a0);
                TOps.HorizontalSum(dot + (rows * segs), segs, a1);
                for (int i = 0; i < 2 * rows; i++)
                {
                    dot[i * segs] -= job.XSums[seg];
                }
            }
        }

        return r;
    }

    /// <summary>
    /// Rows r.. (two registers of <c>TOps.RowsPerPass</c> rows) × segment <paramref name="seg"/>: the int16 sums of
    /// <paramref name="int16Blocks"/> blocks at a time, widened into the int32 accumulators returned. The planes of
    /// a block are unrolled (cb is a JIT constant) and everything stays in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (TAccumulator, TAccumulator) SegmentOffsetInt16<TOps, TVector, TAccumulator, TC>(ref DotJob job, int r, int seg, int blocks, int int16Blocks)
        where TOps : struct, IOffsetLaneOps<TVector, TAccumulator>
        where TVector : struct
        where TAccumulator : struct
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits, rowBytes = job.RowBytes, firstBlock = seg * blocks;
        TVector mask = TOps.Broadcast((byte)((1 << cb) - 1)), ones = TOps.MultiplyAddConstant;
        TVector t0 = TOps.LoadOffsetTable(in job, r, seg), t1 = TOps.LoadOffsetTable(in job, r + TOps.RowsPerPass, seg);
        byte* codes0 = job.Codes + ((long)r * rowBytes) + (firstBlock * 32), codes1 = codes0 + (TOps.RowsPerPass * rowBytes);
        sbyte* x = job.X + (firstBlock * (256 / cb));
        TAccumulator acc0 = default, acc1 = default;
        for (int i = 0; i < blocks;)
        {
            int end = Math.Min(blocks, i + int16Blocks);
            TVector s0 = default, s1 = default;
            for (; i < end; i++, codes0 += 32, codes1 += 32)
            {
                (TVector, TVector) v0 = TOps.LoadCodes(codes0, rowBytes), v1 = TOps.LoadCodes(codes1, rowBytes);
                PlaneOffsetInt16<TOps, TVector, TAccumulator, TC>(ref s0, ref s1, ref v0, ref v1, t0, t1, x, mask);
                PlaneOffsetInt16<TOps, TVector, TAccumulator, TC>(ref s0, ref s1, ref v0, ref v1, t0, t1, x + 32, mask);
                if (cb == 2)
                {
                    PlaneOffsetInt16<TOps, TVector, TAccumulator, TC>(ref s0, ref s1, ref v0, ref v1, t0, t1, x + 64, mask);
                    PlaneOffsetInt16<TOps, TVector, TAccumulator, TC>(ref s0, ref s1, ref v0, ref v1, t0, t1, x + 96, mask);
                }

                x += 256 / cb;
            }

            acc0 = TOps.Widen(acc0, s0, ones);
            acc1 = TOps.Widen(acc1, s1, ones);
        }

        return (acc0, acc1);
    }

    /// <summary>One plane (32 weights) of both registers: u = table[codes &amp; mask], codes >>= cb, s += pmaddubsw(u, x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PlaneOffsetInt16<TOps, TVector, TAccumulator, TC>(ref TVector s0, ref TVector s1,
        ref (TVector, TVector) v0, ref (TVector, TVector) v1, TVector t0, TVector t1, sbyte* x, TVector mask)
        where TOps : struct, IOffsetLaneOps<TVector, TAccumulator>
        where TVector : struct
        where TAccumulator : struct
        where TC : struct, ICodeWidth
    {
        TVector xv = TOps.LoadActivations(x);
        TVector u0 = TOps.Lookup(t0, v0, mask).Item1;
        TVector u1 = TOps.Lookup(t1, v1, mask).Item1;
        v0 = TOps.Shift<TC>(v0);
        v1 = TOps.Shift<TC>(v1);
        s0 = TOps.MultiplyAddInt16(s0, u0, xv);
        s1 = TOps.MultiplyAddInt16(s1, u1, xv);
    }
}
