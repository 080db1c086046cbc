using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>
/// The AVX2 offset kernel sums pmaddubsw results in int16 lanes for <c>QuantizedLinear.Int16Blocks</c> blocks
/// before widening. These matrices put every weight but one per row at the largest offset level u = U (checked
/// below) and every activation at ±127, so each int16 lane reaches the bound m·254·U the block count is derived
/// from, in full chunks (rows longer than one chunk) and, at 771 columns, a partial last one. Verified to fail when
/// the kernel uses one block more than <c>Int16Blocks</c> allows (all 12 cases: the lanes wrap).
/// Formats whose quantizer does not put a constant row at its top level (fixed4, vbs) cannot reach the bound
/// this way; the random-matrix path tests cover them.
/// </summary>
public sealed class Int16AccumulationTests
{
    public static TheoryData<string, int, float> Cases()
    {
        var data = new TheoryData<string, int, float>();
        foreach ((string format, int cols) in new[] { ("int4", 2048), ("int4", 771), ("int3", 2048), ("int3", 771), ("int2", 2048), ("fixed2", 2048) })
        {
            data.Add(format, cols, 1f);
            data.Add(format, cols, -1f);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Worst_case_int16_sums_do_not_wrap(string format, int cols, float xSign)
    {
        KernelTestData.SkipIfUnsupported(KernelPath.Avx2);
        const int rows = 6;
        var w = new float[rows * cols];
        Array.Fill(w, 0.5f);
        // One negative weight per row keeps symmetric quantizers' tables two-sided (U = max − min level).
        for (int r = 0; r < rows; r++)
        {
            w[(r * cols) + r] = -0.5f;
        }

        var x = new float[cols];
        Array.Fill(x, xSign);
        QuantizedMatrix q = Quantizer.Quantize(w, rows, cols, WeightFormat.Parse(format));
        using var layer = new QuantizedLinear(q, new float[rows], Activation.Linear);
        PackedWeights p = layer.Weights;
        Assert.True(p.SmallLevels, $"{format}: levels beyond ±64, the offset kernel is not used");
        int blocks = QuantizedLinear.Int16Blocks(p.MaxOffsetLevel, p.Planes);
        Assert.True(blocks > 0, $"{format}: U = {p.MaxOffsetLevel} leaves no int16 accumulation to test");
        Assert.True(blocks * p.Planes * 254L * p.MaxOffsetLevel <= short.MaxValue, "the block count exceeds its own bound");
        Assert.True((blocks + 1) * p.Planes * 254L * p.MaxOffsetLevel > short.MaxValue, "the block count is not the largest safe one");
        Assert.True(p.BlocksPerRow > blocks, $"{p.BlocksPerRow} blocks per row never fill a {blocks}-block chunk");
        int levelCount = 1 << q.Bits;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                int segment = q.SegmentLength >= cols ? 0 : c / q.SegmentLength;
                int u = q.Levels[(q.TableIndex(r, segment) * levelCount) + q.Codes[(r * cols) + c]] + p.LevelOffset;
                Assert.True(c == r || u == p.MaxOffsetLevel, $"{format}: weight ({r}, {c}) has u = {u}, not U = {p.MaxOffsetLevel}");
            }
        }

        var expected = new float[rows];
        var actual = new float[rows];
        layer.Forward(x, expected, 1, KernelPath.Scalar);
        layer.Forward(x, actual, 1, KernelPath.Avx2);
        for (int r = 0; r < rows; r++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[r]) == BitConverter.SingleToInt32Bits(actual[r]),
                $"{format} {cols} cols, x = {xSign}: row {r} avx2 {actual[r]} vs scalar {expected[r]} (U = {p.MaxOffsetLevel}, {blocks} blocks per flush)");
            Assert.Equal(0.5 * xSign * (cols - 2), expected[r], 0.05 * cols);
        }
    }
}
