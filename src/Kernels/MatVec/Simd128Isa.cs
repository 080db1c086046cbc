using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// The four operations in which the 128-bit kernel paths (Vector128, NEON) differ, as static abstract members so
/// that <see cref="Simd128LaneOps{TIsa}"/>, and through it the row loop shared with AVX2 and AVX-512, is written
/// once and the JIT compiles one specialised copy per ISA struct with every call inlined (the operator-struct pattern of .NET's TensorPrimitives,
/// <c>IUnaryOperator.Invoke(Vector128&lt;T&gt;)</c>): no virtual call, no branch on the ISA in the loop.
/// </summary>
internal interface ISimd128Isa
{
    /// <summary>16 int8 levels for 16 code indices (each &lt; 16) from a 16-entry table.</summary>
    static abstract Vector128<sbyte> Lookup(Vector128<sbyte> table, Vector128<byte> indices);

    /// <summary>Each byte shifted right by the code width (moves the next plane's codes into the low bits).</summary>
    static abstract Vector128<byte> NextPlane<TC>(Vector128<byte> codes)
        where TC : struct, ICodeWidth;

    /// <summary>acc + the exact int32 partial dot products of 16 int8 weights with the 16 int8 activations at x.</summary>
    static abstract unsafe Vector128<int> Mac(Vector128<int> acc, Vector128<sbyte> w, sbyte* x);

    /// <summary>The sum of the four lanes.</summary>
    static abstract int Sum(Vector128<int> acc);
}

/// <summary>
/// Portable Vector128 (any ISA with 128-bit SIMD): <c>Vector128.ShuffleNative</c> (pshufb / tbl) looks codes up;
/// products are widened to int16: each is at most 128·127 = 16256, so the sum of the lower and upper half
/// products fits int16 before the widening to int32.
/// </summary>
internal readonly struct Vector128Isa : ISimd128Isa
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<sbyte> Lookup(Vector128<sbyte> table, Vector128<byte> indices) =>
        Vector128.ShuffleNative(table, indices.AsSByte());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> NextPlane<TC>(Vector128<byte> codes)
        where TC : struct, ICodeWidth => Vector128.ShiftRightLogical(codes, TC.Bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector128<int> Mac(Vector128<int> acc, Vector128<sbyte> w, sbyte* x)
    {
        (Vector128<short> wl, Vector128<short> wh) = Vector128.Widen(w);
        (Vector128<short> xl, Vector128<short> xh) = Vector128.Widen(Vector128.Load(x));
        (Vector128<int> pl, Vector128<int> ph) = Vector128.Widen((wl * xl) + (wh * xh));
        return acc + pl + ph;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sum(Vector128<int> acc) => Vector128.Sum(acc);
}

/// <summary>
/// ARM64 NEON: <c>ushr</c> + <c>and</c> give 16 codes, <c>tbl</c> maps them to int8 levels, and <c>sdot</c>
/// (Dp, ARMv8.2) accumulates four 4-element dot products per lane. Without Dp: <c>smull</c>/<c>smlal2</c> into
/// int16 (|sum of two products| ≤ 32512) and <c>sadalp</c> into int32. The lanes hold different partial sums in
/// the two variants (ggml's vdotq_s32 warning), but the segment total is the same exact integer.
/// </summary>
internal readonly struct AdvSimdIsa : ISimd128Isa
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<sbyte> Lookup(Vector128<sbyte> table, Vector128<byte> indices) =>
        AdvSimd.Arm64.VectorTableLookup(table, indices.AsSByte());

    // TC.Bits is a JIT-time constant; both arms are immediates (ushr #2 / ushr #4), as the intrinsic requires.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> NextPlane<TC>(Vector128<byte> codes)
        where TC : struct, ICodeWidth =>
        TC.Bits == 2 ? AdvSimd.ShiftRightLogical(codes, 2) : AdvSimd.ShiftRightLogical(codes, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector128<int> Mac(Vector128<int> acc, Vector128<sbyte> w, sbyte* x)
    {
        Vector128<sbyte> xv = AdvSimd.LoadVector128(x);
        if (Dp.IsSupported)
        {
            return Dp.DotProduct(acc, w, xv);
        }

        Vector128<short> p = AdvSimd.MultiplyWideningLower(w.GetLower(), xv.GetLower());
        p = AdvSimd.MultiplyWideningUpperAndAdd(p, w, xv);
        return AdvSimd.AddPairwiseWideningAndAdd(acc, p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sum(Vector128<int> acc) => AdvSimd.Arm64.AddAcross(acc).ToScalar();
}
