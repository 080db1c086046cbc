using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// 512-bit AVX-512BW registers for the row loop and the offset-table loop
/// (<see cref="IOffsetLaneOps{TVector, TAccumulator}"/>): rows r and r+1 side by side, so a 32-byte block of each fills
/// one zmm and the 32 activations are broadcast to both halves. vpshufb works per 128-bit lane, so lanes 0–1
/// hold row r's table and lanes 2–3 row r+1's:
/// <code>
///   zmm codes = [ row r: 32 code bytes | row r+1: 32 code bytes ]
///   zmm table = [ T_r | T_r | T_r+1 | T_r+1 ]
///   zmm x     = [ x[k..k+32)           | x[k..k+32)             ]
/// </code>
/// AVX-512 has no vpsignb: x takes w's sign as (x ^ m) − m with m = (w &lt; 0) (|x| ≤ 127, so negation is exact).
/// Then pmaddubsw/pmaddwd as on AVX2 (<see cref="Avx2LaneOps"/>: the same no-saturation bound).
/// </summary>
internal readonly unsafe struct Avx512LaneOps : IOffsetLaneOps<Vector512<sbyte>, Vector512<int>>
{
    public static int RowsPerPass => 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<sbyte> Broadcast(byte value) => Vector512.Create(value).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<sbyte> LoadTable(in DotJob job, int row, int segment) =>
        Vector512.Create(Vector256.Create(Vector128.Load(job.Table(row, segment))), Vector256.Create(Vector128.Load(job.Table(row + 1, segment))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<sbyte>, Vector512<sbyte>) LoadCodes(byte* block, int rowBytes) =>
        (Vector512.Create(Vector256.LoadAligned((sbyte*)block), Vector256.LoadAligned((sbyte*)block + rowBytes)), default);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<sbyte>, Vector512<sbyte>) Lookup(Vector512<sbyte> table, (Vector512<sbyte>, Vector512<sbyte>) codes, Vector512<sbyte> mask) =>
        (Avx512BW.Shuffle(table, codes.Item1 & mask), default);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<sbyte>, Vector512<sbyte>) Shift<TC>((Vector512<sbyte>, Vector512<sbyte>) codes)
        where TC : struct, ICodeWidth => (NextPlane<TC>(codes.Item1.AsByte()).AsSByte(), default);

    /// <summary>(|w|, m = w &lt; 0): once per plane for all frames.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<sbyte>, Vector512<sbyte>) Multiplicands((Vector512<sbyte>, Vector512<sbyte>) levels) =>
        (Avx512BW.Abs(levels.Item1).AsSByte(), Vector512.LessThan(levels.Item1, Vector512<sbyte>.Zero));

    /// <summary>int16 ones: pmaddwd with them sums adjacent int16 pairs into int32.</summary>
    public static Vector512<sbyte> MultiplyAddConstant => Vector512.Create((short)1).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> MultiplyAdd(Vector512<int> acc, (Vector512<sbyte>, Vector512<sbyte>) weights, sbyte* x, Vector512<sbyte> constant)
    {
        Vector512<sbyte> xv = LoadActivations(x);
        Vector512<sbyte> neg = weights.Item2;
        Vector512<sbyte> sx = (xv ^ neg) - neg;
        return acc + Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(weights.Item1.AsByte(), sx), constant.AsInt16());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HorizontalSum(int* dot, int nextRow, Vector512<int> acc)
    {
        dot[0] = Vector256.Sum(acc.GetLower());
        dot[nextRow] = Vector256.Sum(acc.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<sbyte> LoadOffsetTable(in DotJob job, int row, int segment) =>
        Vector512.Create(Vector256.Create(Vector128.Load((sbyte*)job.OffsetTable(row, segment))), Vector256.Create(Vector128.Load((sbyte*)job.OffsetTable(row + 1, segment))));

    // vbroadcasti64x4: the same 32 activations for both rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<sbyte> LoadActivations(sbyte* x)
    {
        Vector256<sbyte> half = Vector256.Load(x);
        return Vector512.Create(half, half);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<sbyte> MultiplyAddInt16(Vector512<sbyte> sums, Vector512<sbyte> u, Vector512<sbyte> x) =>
        Avx512BW.Add(sums.AsInt16(), Avx512BW.MultiplyAddAdjacent(u.AsByte(), x)).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Widen(Vector512<int> acc, Vector512<sbyte> sums, Vector512<sbyte> ones) =>
        Avx512F.Add(acc, Avx512BW.MultiplyAddAdjacent(sums.AsInt16(), ones.AsInt16()));

    // vpsrlw by the code width (an immediate: TC.Bits is a JIT constant); bits crossing bytes are masked off later.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<byte> NextPlane<TC>(Vector512<byte> v)
        where TC : struct, ICodeWidth =>
        (TC.Bits == 2 ? Avx512BW.ShiftRightLogical(v.AsUInt16(), 2) : Avx512BW.ShiftRightLogical(v.AsUInt16(), 4)).AsByte();
}
