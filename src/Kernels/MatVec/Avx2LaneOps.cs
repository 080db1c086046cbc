using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// 256-bit AVX2 registers for the row loop and the offset-table loop (<see cref="IOffsetLaneOps{TVector, TAccumulator}"/>),
/// one row per register. Per plane (32 weights) in the row loop:
/// <code>
///   codes = v &amp; mask ; v >>= cb           (vpand, vpsrlw: plane p+1 moves down; bits crossing bytes are masked off)
///   w     = pshufb(table, codes)            (code → int8 level; the 16-byte table in both 128-bit lanes)
///   acc  += pmaddwd(pmaddubsw(|w|, sign(x, w)), 1)     or, with AVX-VNNI, vpdpbusd(acc, |w|, sign(x, w))
/// </code>
/// pmaddubsw multiplies unsigned by signed bytes, hence |w| and x with w's sign (ggml's trick). Its int16 pair
/// sum cannot saturate: |w| ≤ 128 and |x| ≤ 127 give at most 2·128·127 = 32512 &lt; 32767.
/// </summary>
internal readonly unsafe struct Avx2LaneOps : IOffsetLaneOps<Vector256<sbyte>, Vector256<int>>
{
    public static int RowsPerPass => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<sbyte> Broadcast(byte value) => Vector256.Create(value).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<sbyte> LoadTable(in DotJob job, int row, int segment) => Vector256.Create(Vector128.Load(job.Table(row, segment)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<sbyte>, Vector256<sbyte>) LoadCodes(byte* block, int rowBytes) =>
        (Avx.LoadAlignedVector256((sbyte*)block), default);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<sbyte>, Vector256<sbyte>) Lookup(Vector256<sbyte> table, (Vector256<sbyte>, Vector256<sbyte>) codes, Vector256<sbyte> mask) =>
        (Avx2.Shuffle(table, Avx2.And(codes.Item1, mask)), default);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<sbyte>, Vector256<sbyte>) Shift<TC>((Vector256<sbyte>, Vector256<sbyte>) codes)
        where TC : struct, ICodeWidth => (NextPlane<TC>(codes.Item1.AsByte()).AsSByte(), default);

    /// <summary>(w, |w|): |w| once per plane for all frames.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<sbyte>, Vector256<sbyte>) Multiplicands((Vector256<sbyte>, Vector256<sbyte>) levels) =>
        (levels.Item1, Avx2.Abs(levels.Item1).AsSByte());

    /// <summary>int16 ones: pmaddwd with them sums adjacent int16 pairs into int32.</summary>
    public static Vector256<sbyte> MultiplyAddConstant => Vector256.Create((short)1).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> MultiplyAdd(Vector256<int> acc, (Vector256<sbyte>, Vector256<sbyte>) weights, sbyte* x, Vector256<sbyte> constant) =>
        SignMultiplyAdd(acc, weights.Item2.AsByte(), weights.Item1, Avx.LoadVector256(x), constant.AsInt16());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HorizontalSum(int* dot, int nextRow, Vector256<int> acc) => *dot = Vector256.Sum(acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<sbyte> LoadOffsetTable(in DotJob job, int row, int segment) =>
        Vector256.Create(Vector128.Load((sbyte*)job.OffsetTable(row, segment)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<sbyte> LoadActivations(sbyte* x) => Avx.LoadVector256(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<sbyte> MultiplyAddInt16(Vector256<sbyte> sums, Vector256<sbyte> u, Vector256<sbyte> x) =>
        Avx2.Add(sums.AsInt16(), Avx2.MultiplyAddAdjacent(u.AsByte(), x)).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Widen(Vector256<int> acc, Vector256<sbyte> sums, Vector256<sbyte> ones) =>
        Avx2.Add(acc, Avx2.MultiplyAddAdjacent(sums.AsInt16(), ones.AsInt16()));

    // vpsrlw by the code width (an immediate: TC.Bits is a JIT constant); bits crossing bytes are masked off later.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<byte> NextPlane<TC>(Vector256<byte> v)
        where TC : struct, ICodeWidth =>
        (TC.Bits == 2 ? Avx2.ShiftRightLogical(v.AsUInt16(), 2) : Avx2.ShiftRightLogical(v.AsUInt16(), 4)).AsByte();

    /// <summary>acc + Σ of 4-byte groups of |w|·sign(x, w) = w·x (<paramref name="ones"/>: 16-bit ones for pmaddwd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> SignMultiplyAdd(Vector256<int> acc, Vector256<byte> aw, Vector256<sbyte> w, Vector256<sbyte> x, Vector256<short> ones)
    {
        Vector256<sbyte> sx = Avx2.Sign(x, w);
        if (AvxVnni.IsSupported)
        {
            return AvxVnni.MultiplyWideningAndAdd(acc, aw, sx);
        }

        return Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(aw, sx), ones));
    }
}
