using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// AVX-512: the row loop (<see cref="Rows{TOps, TVector, TAccumulator, TF, TC}"/>) two rows per pass
    /// (<see cref="Avx512LaneOps"/>); an odd last row goes through AVX2. One frame of small-level codes takes the
    /// offset-table loop instead (<see cref="TryDotsOffsetAvx512{TC}"/>).
    /// </summary>
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

        int r = Rows<Avx512LaneOps, Vector512<sbyte>, Vector512<int>, TF, TC>(ref job, 0);
        Rows<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, TF, TC>(ref job, r);
    }

    /// <summary>
    /// AVX-512 streaming fast path for one frame of small-level codes (|level| ≤ 64, ≤ 4-bit: every shipped
    /// format): the offset-table trick of <see cref="OffsetLevelsAvx2"/> with int16 accumulation
    /// (<see cref="Int16Blocks"/>), two rows per zmm: <see cref="RowsOffsetInt16{TOps, TVector, TAccumulator, TC}"/>
    /// on <see cref="Avx512LaneOps"/> (two zmm, four rows per pass), a leftover pair of rows on AVX2 registers, an
    /// odd last row through the AVX2 row loop. Returns false (nothing done) when the job does not qualify.
    /// </summary>
    /// <remarks>
    /// <para>Why this and not the sign-magnitude loop of <see cref="Avx512LaneOps"/>: .NET 10 exposes no
    /// 512-bit VNNI on Zen 5 (<c>Avx10v1</c> false, <c>Avx512Vnni</c> unused here), so AVX-512 cannot use vpdpbusd and
    /// must beat AVX2 + AVX-VNNI on uop count alone. Per 32 MACs (one plane of one row), 256-bit AVX2 + VNNI:
    /// vpand + vpshufb + vpsrlw + vpdpbusd = 4 uops. Sign-magnitude AVX-512: (vpand + vpshufb + vpsrlw +
    /// vpabsb + vpcmpb + 2 for sign(x) + vpmaddubsw + vpmaddwd + vpaddd) / 2 rows ≈ 5 uops — hence its 1.37×
    /// loss measured on Zen 5. This loop: (vpandq + vpshufb + vpsrlw + vpmaddubsw + vpaddw) / 2 rows = 2.5 uops, plus
    /// one x broadcast per plane shared by both rows and one vpmaddwd + vpaddd per row pair every int16Blocks
    /// blocks. Four rows per pass share that broadcast: ≈ 2.75 uops per 32 MACs including loads, against 4 + ½
    /// load for AVX2 + VNNI two rows at a time.</para>
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

        OffsetXSums(ref job);
        int r = RowsOffsetInt16<Avx512LaneOps, Vector512<sbyte>, Vector512<int>, TC>(ref job, 0, int16Blocks);
        r = RowsOffsetInt16<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, TC>(ref job, r, int16Blocks);
        Rows<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, OneFrame, TC>(ref job, r);
        return true;
    }
}
