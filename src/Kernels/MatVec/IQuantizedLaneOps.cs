namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// The operations in which the register widths of the quantized row loop differ — load, lookup, shift,
/// multiply-add, horizontal sum — as static abstract members, so that
/// <see cref="QuantizedLinear.Rows{TOps, TVector, TAccumulator, TF, TC}"/> is written once and the JIT compiles one
/// specialised copy per operator struct with every call inlined (the operator-struct pattern of .NET's
/// TensorPrimitives, <c>IBinaryOperator.Invoke(Vector256&lt;T&gt;)</c>): no interface dispatch and no branch on the ISA
/// in the loop. Implemented by <see cref="Simd128LaneOps{TIsa}"/>, <see cref="Avx2LaneOps"/> and
/// <see cref="Avx512LaneOps"/>.
/// </summary>
/// <remarks>
/// A code block (32 bytes of one row) and a plane's weights are each a pair of registers, whose meaning is the
/// implementation's: two 16-byte halves on 128-bit SIMD; one register and an unused one on AVX2 and AVX-512
/// (where the JIT drops the unused half); the pair a multiply-add takes, e.g. |w| and w's sign, for the
/// multiplicands.
/// </remarks>
/// <typeparam name="TVector">The byte register: <c>Vector128/256/512&lt;sbyte&gt;</c>.</typeparam>
/// <typeparam name="TAccumulator">The int32 accumulator register of the same width.</typeparam>
internal unsafe interface IQuantizedLaneOps<TVector, TAccumulator>
    where TVector : struct
    where TAccumulator : struct
{
    /// <summary>Rows one pass covers: 1, or 2 when a register holds row r in its low half and row r+1 in its high half.</summary>
    static abstract int RowsPerPass { get; }

    /// <summary>Every byte equal to <paramref name="value"/> (the code mask).</summary>
    static abstract TVector Broadcast(byte value);

    /// <summary>The 16-entry level table of the pass's rows for <paramref name="segment"/>, as vpshufb/tbl reads it.</summary>
    static abstract TVector LoadTable(in DotJob job, int row, int segment);

    /// <summary>The 32-byte code block at <paramref name="block"/> (and at block + rowBytes for a second row).</summary>
    static abstract (TVector, TVector) LoadCodes(byte* block, int rowBytes);

    /// <summary>The int8 levels of the low code of each byte (<paramref name="codes"/> &amp; <paramref name="mask"/>).</summary>
    static abstract (TVector, TVector) Lookup(TVector table, (TVector, TVector) codes, TVector mask);

    /// <summary>Each byte shifted right by the code width: the next plane's codes move into the low bits.</summary>
    static abstract (TVector, TVector) Shift<TC>((TVector, TVector) codes)
        where TC : struct, ICodeWidth;

    /// <summary>A plane's 32 levels in the form <see cref="MultiplyAdd"/> takes, computed once for all frames.</summary>
    static abstract (TVector, TVector) Multiplicands((TVector, TVector) levels);

    /// <summary>
    /// The register <see cref="MultiplyAdd"/> reads on every call (int16 ones for pmaddwd; unused on 128-bit SIMD),
    /// made once before the loop like the mask: the JIT re-materialises a vector constant inside a loop rather
    /// than hoist it, one more load per plane.
    /// </summary>
    static abstract TVector MultiplyAddConstant { get; }

    /// <summary>
    /// acc + the exact int32 partial dot products of the plane's weights with the 32 int8 activations at x
    /// (<paramref name="constant"/>: <see cref="MultiplyAddConstant"/>).
    /// </summary>
    static abstract TAccumulator MultiplyAdd(TAccumulator acc, (TVector, TVector) weights, sbyte* x, TVector constant);

    /// <summary>
    /// The horizontal sum of the accumulator into <c>dot[0]</c> (and, for two rows per pass, of its high half into
    /// <c>dot[nextRow]</c>).
    /// </summary>
    static abstract void HorizontalSum(int* dot, int nextRow, TAccumulator acc);
}
