using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.Tests.Quantization;

/// <summary>Shift values of 32 and more are refused: C# masks int shift counts to 5 bits, so a 32-bit check would
/// let levels outside int8 (e.g. −128) pass the loader.</summary>
public sealed class VbsShiftRangeTests
{
    [Theory]
    [InlineData(1, 6, true)]
    [InlineData(2, 5, true)]
    [InlineData(3, 4, true)]
    [InlineData(2, 6, false)]
    [InlineData(3, 32, false)]
    [InlineData(1, 32, false)]
    [InlineData(2, 38, false)]
    [InlineData(3, 64, false)]
    [InlineData(3, 70, false)]
    [InlineData(1, 100, false)]
    [InlineData(7, 0, true)]
    [InlineData(8, 0, false)]
    public void Only_levels_inside_int8_pass(int magnitudeBits, int shiftMax, bool fits)
    {
        Assert.Equal(fits, QuantizedMatrix.VbsFitsInt8(magnitudeBits, shiftMax));
    }
}
