using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// One plane (32 weights) of two rows in the AVX2 pair-segment loop: look the codes up in each row's 16-entry
/// table, move the next plane's codes down, multiply with the 32 activations and accumulate. Static abstract so
/// <c>QuantizedLinear.PairSegmentAvx2</c> is written once and specialised per table kind (TensorPrimitives'
/// operator-struct pattern): the two kinds differ only in this step.
/// </summary>
internal interface IPairPlaneAvx2
{
    static abstract void Plane<TC>(ref Vector256<int> accA, ref Vector256<int> accB, ref Vector256<byte> vA, ref Vector256<byte> vB,
        Vector256<byte> tA, Vector256<byte> tB, Vector256<sbyte> xv, Vector256<byte> mask, Vector256<short> ones)
        where TC : struct, ICodeWidth;
}

/// <summary>Tables of int8 levels: pmaddubsw(|w|, sign(x, w)) (ggml's sign trick; see <see cref="Avx2LaneOps"/>).</summary>
internal readonly struct SignedLevelsAvx2 : IPairPlaneAvx2
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Plane<TC>(ref Vector256<int> accA, ref Vector256<int> accB, ref Vector256<byte> vA, ref Vector256<byte> vB,
        Vector256<byte> tA, Vector256<byte> tB, Vector256<sbyte> xv, Vector256<byte> mask, Vector256<short> ones)
        where TC : struct, ICodeWidth
    {
        Vector256<sbyte> wA = Avx2.Shuffle(tA.AsSByte(), Avx2.And(vA, mask).AsSByte());
        Vector256<sbyte> wB = Avx2.Shuffle(tB.AsSByte(), Avx2.And(vB, mask).AsSByte());
        vA = Avx2LaneOps.NextPlane<TC>(vA);
        vB = Avx2LaneOps.NextPlane<TC>(vB);
        accA = Avx2LaneOps.SignMultiplyAdd(accA, Avx2.Abs(wA), wA, xv, ones);
        accB = Avx2LaneOps.SignMultiplyAdd(accB, Avx2.Abs(wB), wB, xv, ones);
    }
}

/// <summary>
/// Tables of u = level + o ∈ [0, 128] (levels in ±64): u is pmaddubsw's unsigned operand directly, so |w| and
/// sign(x, w) are not needed (2 fewer uops per 32 weights); Σ u·x = Σ level·x + o·Σx and the caller subtracts
/// o·Σx of the segment (exact integers, so the result equals the other paths bit for bit). No saturation:
/// 2·128·127 = 32512. With AVX-VNNI one vpdpbusd does pmaddubsw + pmaddwd + add.
/// </summary>
internal readonly struct OffsetLevelsAvx2 : IPairPlaneAvx2
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Plane<TC>(ref Vector256<int> accA, ref Vector256<int> accB, ref Vector256<byte> vA, ref Vector256<byte> vB,
        Vector256<byte> tA, Vector256<byte> tB, Vector256<sbyte> xv, Vector256<byte> mask, Vector256<short> ones)
        where TC : struct, ICodeWidth
    {
        Vector256<byte> uA = Avx2.Shuffle(tA, Avx2.And(vA, mask));
        Vector256<byte> uB = Avx2.Shuffle(tB, Avx2.And(vB, mask));
        vA = Avx2LaneOps.NextPlane<TC>(vA);
        vB = Avx2LaneOps.NextPlane<TC>(vB);
        if (AvxVnni.IsSupported)
        {
            accA = AvxVnni.MultiplyWideningAndAdd(accA, uA, xv);
            accB = AvxVnni.MultiplyWideningAndAdd(accB, uB, xv);
        }
        else
        {
            accA = Avx2.Add(accA, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(uA, xv), ones));
            accB = Avx2.Add(accB, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(uB, xv), ones));
        }
    }
}
