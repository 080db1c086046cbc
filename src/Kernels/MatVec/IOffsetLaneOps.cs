namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// What the offset-table segment loop (<see cref="QuantizedLinear.RowsOffsetInt16{TOps, TVector, TAccumulator, TC}"/>)
/// needs beyond the row loop's operations, so that it too is written once for AVX2 and AVX-512: tables of
/// u = level + o (<see cref="OffsetLevelsAvx2"/>), the activations as one register shared by all rows of a pass,
/// and int16 accumulation (<see cref="QuantizedLinear.Int16Blocks"/>). A code block is the first register of
/// <see cref="IQuantizedLaneOps{TVector, TAccumulator}.LoadCodes"/>'s pair (these widths leave the second unused).
/// </summary>
/// <typeparam name="TVector">The byte register; int16 sums are kept in it too (reinterpreted, as vpaddw sees it).</typeparam>
/// <typeparam name="TAccumulator">The int32 accumulator register of the same width.</typeparam>
internal unsafe interface IOffsetLaneOps<TVector, TAccumulator> : IQuantizedLaneOps<TVector, TAccumulator>
    where TVector : struct
    where TAccumulator : struct
{
    /// <summary>The 16-entry offset table (u = level + o) of the register's rows for <paramref name="segment"/>.</summary>
    static abstract TVector LoadOffsetTable(in DotJob job, int row, int segment);

    /// <summary>The 32 int8 activations at x, once for each row the register holds.</summary>
    static abstract TVector LoadActivations(sbyte* x);

    /// <summary>sums + pmaddubsw(u, x): int16 lanes, u unsigned and x signed (vpaddw wraps; the caller bounds it).</summary>
    static abstract TVector MultiplyAddInt16(TVector sums, TVector u, TVector x);

    /// <summary>acc + pmaddwd(sums, ones): adjacent int16 sums widened into int32.</summary>
    static abstract TAccumulator Widen(TAccumulator acc, TVector sums, TVector ones);
}
