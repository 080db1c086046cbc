using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's: at tier 0
    // this method's (then scalar) Σx loop alone made avx2 look 2x slower than it is.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsAvx2<TF, TC>(ref DotJob job)
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        AssertJob(in job, TC.Bits);
        int r = 0;
        int planes = 8 / TC.Bits;
        if (TF.Count == 1 && job.PlanesPerSegment % planes == 0)
        {
            // Streaming fast path: segments are whole blocks, two rows share every activation load.
            int blocksPerSeg = job.PlanesPerSegment / planes, blockWeights = 32 * planes;
            bool offset = TC.Bits != 8 && job.SmallLevels && job.Rows >= 2;
            if (offset)
            {
                int segLen = job.PlanesPerSegment * 32;
                for (int seg = 0; seg < job.Segments; seg++)
                {
                    job.XSums[seg] = job.LevelOffset * ActivationSums.Sum(job.X + (seg * segLen), segLen);
                }
            }

            int int16Blocks = offset && !AvxVnni.IsSupported ? Int16Blocks(job.MaxOffsetLevel, planes) : 0;

            for (; r + 2 <= job.Rows; r += 2)
            {
                for (int seg = 0; seg < job.Segments; seg++)
                {
                    int firstBlock = seg * blocksPerSeg;
                    if (offset)
                    {
                        (int oa, int ob) = int16Blocks > 0
                            ? PairSegmentOffsetInt16Avx2<TC>(
                                job.Codes + ((long)r * job.RowBytes) + (firstBlock * 32),
                                job.RowBytes,
                                job.OffsetTable(r, seg),
                                job.OffsetTable(r + 1, seg),
                                job.X + (firstBlock * blockWeights),
                                blocksPerSeg,
                                int16Blocks)
                            : PairSegmentAvx2<OffsetLevelsAvx2, TC>(
                                job.Codes + ((long)r * job.RowBytes) + (firstBlock * 32),
                                job.RowBytes,
                                job.OffsetTable(r, seg),
                                job.OffsetTable(r + 1, seg),
                                job.X + (firstBlock * blockWeights),
                                blocksPerSeg);
                        job.Dots[(r * job.Segments) + seg] = oa - job.XSums[seg];
                        job.Dots[((r + 1) * job.Segments) + seg] = ob - job.XSums[seg];
                        continue;
                    }

                    (int a, int b) = PairSegmentAvx2<SignedLevelsAvx2, TC>(
                        job.Codes + ((long)r * job.RowBytes) + (firstBlock * 32),
                        job.RowBytes,
                        TC.Bits == 8 ? null : (byte*)job.Table(r, seg),
                        TC.Bits == 8 ? null : (byte*)job.Table(r + 1, seg),
                        job.X + (firstBlock * blockWeights),
                        blocksPerSeg);
                    job.Dots[(r * job.Segments) + seg] = a;
                    job.Dots[((r + 1) * job.Segments) + seg] = b;
                }
            }
        }

        Rows<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, TF, TC>(ref job, r);
    }

    /// <summary>
    /// Two rows × one segment of whole blocks, one frame: each activation vector is loaded once for both rows,
    /// the planes of a block are unrolled (cb is a JIT constant) and everything stays in registers.
    /// <typeparamref name="TLevels"/> says what the tables hold and how a plane is multiplied:
    /// <see cref="SignedLevelsAvx2"/> (int8 levels, the sign trick) or <see cref="OffsetLevelsAvx2"/> (levels + o).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int, int) PairSegmentAvx2<TLevels, TC>(byte* codesA, int rowBytes, byte* tableA, byte* tableB, sbyte* x, int blocks)
        where TLevels : struct, IPairPlaneAvx2
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits;
        Vector256<byte> mask = Vector256.Create((byte)((1 << cb) - 1));
        Vector256<short> ones = Vector256.Create((short)1);
        Vector256<byte> tA = cb == 8 ? default : Vector256.Create(Vector128.Load(tableA));
        Vector256<byte> tB = cb == 8 ? default : Vector256.Create(Vector128.Load(tableB));
        Vector256<int> accA = default, accB = default;
        byte* codesB = codesA + rowBytes;
        for (int i = 0; i < blocks; i++, codesA += 32, codesB += 32)
        {
            Vector256<byte> vA = Avx.LoadAlignedVector256(codesA);
            Vector256<byte> vB = Avx.LoadAlignedVector256(codesB);
            if (cb == 8)
            {
                // Codes are the int8 levels themselves (only signed tables have 8-bit codes).
                Vector256<sbyte> xv = Avx.LoadVector256(x);
                accA = Avx2LaneOps.SignMultiplyAdd(accA, Avx2.Abs(vA.AsSByte()), vA.AsSByte(), xv, ones);
                accB = Avx2LaneOps.SignMultiplyAdd(accB, Avx2.Abs(vB.AsSByte()), vB.AsSByte(), xv, ones);
                x += 32;
                continue;
            }

            TLevels.Plane<TC>(ref accA, ref accB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x), mask, ones);
            TLevels.Plane<TC>(ref accA, ref accB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x + 32), mask, ones);
            if (cb == 2)
            {
                TLevels.Plane<TC>(ref accA, ref accB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x + 64), mask, ones);
                TLevels.Plane<TC>(ref accA, ref accB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x + 96), mask, ones);
            }

            x += 256 / cb;
        }

        return (Vector256.Sum(accA), Vector256.Sum(accB));
    }

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

    /// <summary>
    /// The offset-table pair segment (<see cref="OffsetLevelsAvx2"/>) with int16 accumulation: per 32 weights and row, pmaddubsw + vpaddw
    /// instead of pmaddubsw + vpmaddwd + vpaddd; one vpmaddwd + vpaddd per row every
    /// <paramref name="int16Blocks"/> blocks (see <see cref="Int16Blocks"/> for why that cannot overflow).
    /// 2-row inner loop: 18 vector uops per 128 MACs instead of 22. Integer sums, so bit-identical to the other paths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int, int) PairSegmentOffsetInt16Avx2<TC>(byte* codesA, int rowBytes, byte* tableA, byte* tableB, sbyte* x, int blocks, int int16Blocks)
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits;
        Vector256<byte> mask = Vector256.Create((byte)((1 << cb) - 1));
        Vector256<short> ones = Vector256.Create((short)1);
        Vector256<byte> tA = Vector256.Create(Vector128.Load(tableA));
        Vector256<byte> tB = Vector256.Create(Vector128.Load(tableB));
        Vector256<int> accA = default, accB = default;
        byte* codesB = codesA + rowBytes;
        for (int i = 0; i < blocks;)
        {
            int end = Math.Min(blocks, i + int16Blocks);
            Vector256<short> sA = default, sB = default;
            for (; i < end; i++, codesA += 32, codesB += 32)
            {
                Vector256<byte> vA = Avx.LoadAlignedVector256(codesA);
                Vector256<byte> vB = Avx.LoadAlignedVector256(codesB);
                PlaneOffsetInt16Avx2<TC>(ref sA, ref sB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x), mask);
                PlaneOffsetInt16Avx2<TC>(ref sA, ref sB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x + 32), mask);
                if (cb == 2)
                {
                    PlaneOffsetInt16Avx2<TC>(ref sA, ref sB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x + 64), mask);
                    PlaneOffsetInt16Avx2<TC>(ref sA, ref sB, ref vA, ref vB, tA, tB, Avx.LoadVector256(x + 96), mask);
                }

                x += 256 / cb;
            }

            accA = Avx2.Add(accA, Avx2.MultiplyAddAdjacent(sA, ones));
            accB = Avx2.Add(accB, Avx2.MultiplyAddAdjacent(sB, ones));
        }

        return (Vector256.Sum(accA), Vector256.Sum(accB));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PlaneOffsetInt16Avx2<TC>(ref Vector256<short> sA, ref Vector256<short> sB, ref Vector256<byte> vA, ref Vector256<byte> vB,
        Vector256<byte> tA, Vector256<byte> tB, Vector256<sbyte> xv, Vector256<byte> mask)
        where TC : struct, ICodeWidth
    {
        Vector256<byte> uA = Avx2.Shuffle(tA, Avx2.And(vA, mask));
        Vector256<byte> uB = Avx2.Shuffle(tB, Avx2.And(vB, mask));
        vA = Avx2LaneOps.NextPlane<TC>(vA);
        vB = Avx2LaneOps.NextPlane<TC>(vB);
        sA = Avx2.Add(sA, Avx2.MultiplyAddAdjacent(uA, xv));
        sB = Avx2.Add(sB, Avx2.MultiplyAddAdjacent(uB, xv));
    }
}
