using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// 128-bit registers for the row loop, shared by the Vector128 and NEON paths (<typeparamref name="TIsa"/> supplies
/// the lookup, shift, multiply-accumulate and horizontal sum): a 32-byte code block is two 16-byte halves, so a
/// plane's 32 weights are two registers, multiplied with activations [k, k+16) and [k+16, k+32).
/// <code>
///   codes = ( block[0..16) , block[16..32) )       one row per pass
///   w     = ( tbl(table, lo &amp; mask), tbl(table, hi &amp; mask) )
/// </code>
/// </summary>
internal readonly unsafe struct Simd128LaneOps<TIsa> : IQuantizedLaneOps<Vector128<sbyte>, Vector128<int>>
    where TIsa : struct, ISimd128Isa
{
    public static int RowsPerPass => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<sbyte> Broadcast(byte value) => Vector128.Create(value).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<sbyte> LoadTable(in DotJob job, int row, int segment) => Vector128.Load(job.Table(row, segment));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<sbyte>, Vector128<sbyte>) LoadCodes(byte* block, int rowBytes) =>
        (Vector128.Load((sbyte*)block), Vector128.Load((sbyte*)block + 16));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<sbyte>, Vector128<sbyte>) Lookup(Vector128<sbyte> table, (Vector128<sbyte>, Vector128<sbyte>) codes, Vector128<sbyte> mask) =>
        (TIsa.Lookup(table, (codes.Item1 & mask).AsByte()), TIsa.Lookup(table, (codes.Item2 & mask).AsByte()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<sbyte>, Vector128<sbyte>) Shift<TC>((Vector128<sbyte>, Vector128<sbyte>) codes)
        where TC : struct, ICodeWidth =>
        (TIsa.NextPlane<TC>(codes.Item1.AsByte()).AsSByte(), TIsa.NextPlane<TC>(codes.Item2.AsByte()).AsSByte());

    // The levels themselves: the ISA's multiply-accumulate takes signed bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<sbyte>, Vector128<sbyte>) Multiplicands((Vector128<sbyte>, Vector128<sbyte>) levels) => levels;

    public static Vector128<sbyte> MultiplyAddConstant => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> MultiplyAdd(Vector128<int> acc, (Vector128<sbyte>, Vector128<sbyte>) weights, sbyte* x, Vector128<sbyte> constant) =>
        TIsa.Mac(TIsa.Mac(acc, weights.Item1, x), weights.Item2, x + 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HorizontalSum(int* dot, int nextRow, Vector128<int> acc) => *dot = TIsa.Sum(acc);
}
