using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.Tests.Quantization;

public sealed class WeightFormatTests
{
    [Theory]
    [InlineData("fp32", WeightFormatKind.Fp32, 32, 0, -1, false)]
    [InlineData("fixed4", WeightFormatKind.Fixed, 4, 0, -1, false)]
    [InlineData("vbs3", WeightFormatKind.Vbs, 3, 0, -1, false)]
    [InlineData("VBS4s1", WeightFormatKind.Vbs, 4, 0, 1, false)]
    [InlineData("vbs4g64", WeightFormatKind.Vbs, 4, 64, -1, false)]
    [InlineData("vbs5s2g128", WeightFormatKind.Vbs, 5, 128, 2, false)]
    [InlineData("int4", WeightFormatKind.Int, 4, 0, -1, false)]
    [InlineData("int8b32", WeightFormatKind.Int, 8, 32, -1, false)]
    [InlineData("lut3", WeightFormatKind.Lut, 3, 0, -1, false)]
    [InlineData("lut2r", WeightFormatKind.Lut, 2, 0, -1, true)]
    public void Parses_and_round_trips_through_ToString(string text, WeightFormatKind kind, int bits, int group, int shift, bool perRow)
    {
        WeightFormat f = WeightFormat.Parse(text);
        Assert.Equal((kind, bits, group, shift, perRow), (f.Kind, f.Bits, f.Group, f.ShiftBits, f.PerRow));
        Assert.Equal(f, WeightFormat.Parse(f.ToString()));
    }

    [Theory]
    [InlineData("fixed1", "bit width")]
    [InlineData("fixed9", "bit width")]
    [InlineData("int16", "bit width")]
    [InlineData("vbs2s1", "shift-code bits")]
    [InlineData("vbs4s3", "shift-code bits")]
    [InlineData("vbs8s2", "shift-code bits")]
    [InlineData("vbs4g48", "multiple of 32")]
    [InlineData("int4b48", "32 or 64")]
    [InlineData("lut4x", "suffix")]
    [InlineData("float16", "expected fp32")]
    [InlineData("vbs4q", "suffix")]
    public void Rejects_bad_strings_with_a_reason(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => WeightFormat.Parse(text));
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }
}
