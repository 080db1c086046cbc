using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// AVX2. One frame whose segments are whole blocks streams two rows at a time, sharing every activation load:
    /// small-level codes through the offset tables with int16 accumulation
    /// (<see cref="RowsOffsetInt16{TOps, TVector, TAccumulator, TC}"/>) where <see cref="Int16Blocks"/> allows and
    /// AVX-VNNI is absent, else <see cref="PairRowsAvx2{TC}"/>. The rest (four frames, segments within blocks, an
    /// odd last row) goes through the row loop (<see cref="Rows{TOps, TVector, TAccumulator, TF, TC}"/>).
    /// </summary>
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
            bool offset = TC.Bits != 8 && job.SmallLevels && job.Rows >= 2;
            if (offset)
            {
                OffsetXSums(ref job);
            }

            int int16Blocks = offset && !AvxVnni.IsSupported ? Int16Blocks(job.MaxOffsetLevel, planes) : 0;
            r = int16Blocks > 0
                ? RowsOffsetInt16<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, TC>(ref job, 0, int16Blocks)
                : PairRowsAvx2<TC>(ref job, offset);
        }

        Rows<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, TF, TC>(ref job, r);
    }

    /// <summary>
    /// One frame, segments of whole blocks, two rows × one segment at a time (<see cref="PairSegmentAvx2{TLevels, TC}"/>)
    /// with int32 accumulation: offset tables when <paramref name="offset"/> (<see cref="OffsetXSums"/> done),
    /// else signed levels. Returns the first row it left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int PairRowsAvx2<TC>(ref DotJob job, bool offset)
        where TC : struct, ICodeWidth
    {
        int blocksPerSeg = job.PlanesPerSegment / (8 / TC.Bits), blockWeights = 256 / TC.Bits;
        int r = 0;
        for (; r + 2 <= job.Rows; r += 2)
        {
            for (int seg = 0; seg < job.Segments; seg++)
            {
                int firstBlock = seg * blocksPerSeg;
                byte* codes = job.Codes + ((long)r * job.RowBytes) + (firstBlock * 32);
                sbyte* x = job.X + (firstBlock * blockWeights);
                int* dot = job.Dots + (r * job.Segments) + seg;
                if (offset)
                {
                    (int oa, int ob) = PairSegmentAvx2<OffsetLevelsAvx2, TC>(codes, job.RowBytes, job.OffsetTable(r, seg), job.OffsetTable(r + 1, seg), x, blocksPerSeg);
                    dot[0] = oa - job.XSums[seg];
                    dot[job.Segments] = ob - job.XSums[seg];
                    continue;
                }

                (int a, int b) = PairSegmentAvx2<SignedLevelsAvx2, TC>(
                    codes,
                    job.RowBytes,
                    TC.Bits == 8 ? null : (byte*)job.Table(r, seg),
                    TC.Bits == 8 ? null : (byte*)job.Table(r + 1, seg),
                    x,
                    blocksPerSeg);
                dot[0] = a;
                dot[job.Segments] = b;
            }
        }

        return r;
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
}
