using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// AVX-512 streaming fast path for one frame of small-level codes (|level| ≤ 64, ≤ 4-bit: every shipped
    /// format): the offset-table trick of <see cref="OffsetLevelsAvx2"/> with int16 accumulation
    /// (<see cref="Int16Blocks"/>), two rows per zmm. Returns false (nothing done) when the job does not qualify.
    /// </summary>
    /// <remarks>
    /// <para>Why this and not the sign-magnitude loop of <see cref="Avx512LaneOps"/>: .NET 10 exposes no
    /// 512-bit VNNI on Zen 5 (<c>Avx10v1</c> false, <c>Avx512Vnni</c> unused here), so AVX-512 cannot use vpdpbusd and
    /// must beat AVX2 + AVX-VNNI on uop count alone. Per 32 MACs (one plane of one row), 256-bit AVX2 + VNNI:
    /// vpand + vpshufb + vpsrlw + vpdpbusd = 4 uops. Sign-magnitude AVX-512: (vpand + vpshufb + vpsrlw +
    /// vpabsb + vpcmpb + 2 for sign(x) + vpmaddubsw + vpmaddwd + vpaddd) / 2 rows ≈ 5 uops — hence its 1.37×
    /// loss measured on Zen 5. This loop: (vpandq + vpshufb + vpsrlw + vpmaddubsw + vpaddw) / 2 rows = 2.5 uops, plus
    /// one x broadcast per plane shared by both rows and one vpmaddwd + vpaddd per row pair every int16Blocks
    /// blocks.</para>
    /// <para>Register layout (cb = 4 shown; cb = 2 has four planes per byte):
    /// <code>
    ///   zmm codes  = [ row r: 32 code bytes  | row r+1: 32 code bytes ]   byte j = plane1 code (hi nibble) | plane0 code (lo)
    ///   zmm table  = [ T_r  | T_r  | T_r+1 | T_r+1 ]                     16-byte offset tables per 128-bit lane (vpshufb is per lane)
    ///   zmm x      = [ x[k..k+32)        | x[k..k+32)         ]           vbroadcasti64x4
    ///   zmm s16    += vpmaddubsw(vpshufb(table, codes &amp; mask), x)      u = level + o ∈ [0, 128], unsigned × signed
    /// </code>
    /// Σ u·x = Σ level·x + o·Σx; o·Σx per segment is subtracted afterwards (exact integers, so bit-identical to
    /// scalar).</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDotsOffsetAvx512<TC>(ref DotJob job)
        where TC : struct, ICodeWidth
    {
        int planes = 8 / TC.Bits;
        if (TC.Bits == 8 || !job.SmallLevels || job.Rows < 2 || job.PlanesPerSegment % planes != 0)
        {
            return false;
        }

        int int16Blocks = Int16Blocks(job.MaxOffsetLevel, planes);
        if (int16Blocks < 1)
        {
            return false;
        }

        int blocksPerSeg = job.PlanesPerSegment / planes, blockWeights = 32 * planes, segLen = job.PlanesPerSegment * 32;
        for (int seg = 0; seg < job.Segments; seg++)
        {
            job.XSums[seg] = job.LevelOffset * ActivationSums.Sum(job.X + (seg * segLen), segLen);
        }

        int r = 0;
        for (; r + 4 <= job.Rows; r += 4)
        {
            for (int seg = 0; seg < job.Segments; seg++)
            {
                int firstBlock = seg * blocksPerSeg;
                (Vector512<int> lo, Vector512<int> hi) = QuadSegmentOffsetInt16Avx512<TC>(
                    job.Codes + ((long)r * job.RowBytes) + (firstBlock * 32),
                    job.RowBytes,
                    ref job,
                    r,
                    seg,
                    job.X + (firstBlock * blockWeights),
                    blocksPerSeg,
                    int16Blocks);
                job.Dots[(r * job.Segments) + seg] = Vector256.Sum(lo.GetLower()) - job.XSums[seg];
                job.Dots[((r + 1) * job.Segments) + seg] = Vector256.Sum(lo.GetUpper()) - job.XSums[seg];
                job.Dots[((r + 2) * job.Segments) + seg] = Vector256.Sum(hi.GetLower()) - job.XSums[seg];
                job.Dots[((r + 3) * job.Segments) + seg] = Vector256.Sum(hi.GetUpper()) - job.XSums[seg];
            }
        }

        for (; r + 2 <= job.Rows; r += 2)
        {
            for (int seg = 0; seg < job.Segments; seg++)
            {
                int firstBlock = seg * blocksPerSeg;
                Vector512<int> acc = PairSegmentOffsetInt16Avx512<TC>(
                    job.Codes + ((long)r * job.RowBytes) + (firstBlock * 32),
                    job.RowBytes,
                    job.OffsetTable(r, seg),
                    job.OffsetTable(r + 1, seg),
                    job.X + (firstBlock * blockWeights),
                    blocksPerSeg,
                    int16Blocks);
                job.Dots[(r * job.Segments) + seg] = Vector256.Sum(acc.GetLower()) - job.XSums[seg];
                job.Dots[((r + 1) * job.Segments) + seg] = Vector256.Sum(acc.GetUpper()) - job.XSums[seg];
            }
        }

        if (r < job.Rows)
        {
            Rows<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, OneFrame, TC>(ref job, r);
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector512<int> PairSegmentOffsetInt16Avx512<TC>(byte* codesA, int rowBytes, byte* tableA, byte* tableB, sbyte* x, int blocks, int int16Blocks)
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits;
        Vector512<byte> mask = Vector512.Create((byte)((1 << cb) - 1));
        Vector512<short> ones = Vector512.Create((short)1);
        Vector512<byte> table = Vector512.Create(Vector256.Create(Vector128.Load(tableA)), Vector256.Create(Vector128.Load(tableB)));
        Vector512<int> acc = default;
        byte* codesB = codesA + rowBytes;
        for (int i = 0; i < blocks;)
        {
            int end = Math.Min(blocks, i + int16Blocks);
            Vector512<short> s = default;
            for (; i < end; i++, codesA += 32, codesB += 32)
            {
                Vector512<byte> v = Vector512.Create(Vector256.LoadAligned(codesA), Vector256.LoadAligned(codesB));
                s = PlaneOffsetInt16Avx512<TC>(s, ref v, table, x, mask);
                s = PlaneOffsetInt16Avx512<TC>(s, ref v, table, x + 32, mask);
                if (cb == 2)
                {
                    s = PlaneOffsetInt16Avx512<TC>(s, ref v, table, x + 64, mask);
                    s = PlaneOffsetInt16Avx512<TC>(s, ref v, table, x + 96, mask);
                }

                x += 256 / cb;
            }

            acc = Avx512F.Add(acc, Avx512BW.MultiplyAddAdjacent(s, ones));
        }

        return acc;
    }

    /// <summary>
    /// Four rows (two zmm of two rows each) × one segment: one x broadcast per plane feeds all four rows, so per
    /// 32 MACs the loop issues (vpandq + vpshufb + vpsrlw + vpmaddubsw + vpaddw) / 2 + ¼ broadcast ≈ 2.75 uops
    /// including loads, against 4 + ½ load for AVX2 + VNNI two rows at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Vector512<int>, Vector512<int>) QuadSegmentOffsetInt16Avx512<TC>(byte* codes0, int rowBytes, ref DotJob job, int r, int seg, sbyte* x, int blocks, int int16Blocks)
        where TC : struct, ICodeWidth
    {
        int cb = TC.Bits;
        Vector512<byte> mask = Vector512.Create((byte)((1 << cb) - 1));
        Vector512<short> ones = Vector512.Create((short)1);
        Vector512<byte> t0 = Vector512.Create(Vector256.Create(Vector128.Load(job.OffsetTable(r, seg))), Vector256.Create(Vector128.Load(job.OffsetTable(r + 1, seg))));
        Vector512<byte> t1 = Vector512.Create(Vector256.Create(Vector128.Load(job.OffsetTable(r + 2, seg))), Vector256.Create(Vector128.Load(job.OffsetTable(r + 3, seg))));
        Vector512<int> acc0 = default, acc1 = default;
        byte* codes1 = codes0 + rowBytes, codes2 = codes1 + rowBytes, codes3 = codes2 + rowBytes;
        for (int i = 0; i < blocks;)
        {
            int end = Math.Min(blocks, i + int16Blocks);
            Vector512<short> s0 = default, s1 = default;
            for (; i < end; i++, codes0 += 32, codes1 += 32, codes2 += 32, codes3 += 32)
            {
                Vector512<byte> v0 = Vector512.Create(Vector256.LoadAligned(codes0), Vector256.LoadAligned(codes1));
                Vector512<byte> v1 = Vector512.Create(Vector256.LoadAligned(codes2), Vector256.LoadAligned(codes3));
                for (int p = 0; p < 8 / cb; p++)
                {
                    Vector256<sbyte> half = Vector256.Load(x + (p * 32));
                    Vector512<sbyte> xv = Vector512.Create(half, half);
                    s0 = Avx512BW.Add(s0, Avx512BW.MultiplyAddAdjacent(Avx512BW.Shuffle(t0, v0 & mask), xv));
                    s1 = Avx512BW.Add(s1, Avx512BW.MultiplyAddAdjacent(Avx512BW.Shuffle(t1, v1 & mask), xv));
                    v0 = Avx512LaneOps.NextPlane<TC>(v0);
                    v1 = Avx512LaneOps.NextPlane<TC>(v1);
                }

                x += 256 / cb;
            }

            acc0 = Avx512F.Add(acc0, Avx512BW.MultiplyAddAdjacent(s0, ones));
            acc1 = Avx512F.Add(acc1, Avx512BW.MultiplyAddAdjacent(s1, ones));
        }

        return (acc0, acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> PlaneOffsetInt16Avx512<TC>(Vector512<short> s, ref Vector512<byte> v, Vector512<byte> table, sbyte* x, Vector512<byte> mask)
        where TC : struct, ICodeWidth
    {
        Vector512<byte> u = Avx512BW.Shuffle(table, v & mask);
        v = Avx512LaneOps.NextPlane<TC>(v);
        Vector256<sbyte> half = Vector256.Load(x);
        return Avx512BW.Add(s, Avx512BW.MultiplyAddAdjacent(u, Vector512.Create(half, half)));
    }
}
