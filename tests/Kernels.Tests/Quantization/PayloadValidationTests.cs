using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.Tests.Quantization;

public sealed class PayloadValidationTests
{
    private static byte[] Payload(string format, int rows = 4, int cols = 40)
    {
        float[] w = TestMatrices.Gaussian(new Random(11), rows * cols);
        var ms = new MemoryStream();
        Quantizer.Quantize(w, rows, cols, WeightFormat.Parse(format)).WriteTo(ms);
        return ms.ToArray();
    }

    private static void Rejects(byte[] payload, string format, string expected, int rows = 4, int cols = 40)
    {
        var e = Assert.Throws<InvalidDataException>(() => QuantizedMatrix.Read(payload, rows, cols, WeightFormat.Parse(format)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fixed4")]
    [InlineData("vbs3g32")]
    [InlineData("int4b32")]
    [InlineData("lut3r")]
    public void Truncated_or_padded_payloads_are_rejected_with_the_expected_size(string format)
    {
        byte[] p = Payload(format);
        Rejects(p[..^1], format, $"must be {p.Length} bytes");
        Rejects([.. p, 0], format, $"must be {p.Length} bytes");
        Rejects([], format, format.StartsWith("vbs", StringComparison.Ordinal) ? "empty" : $"must be {p.Length} bytes");
    }

    [Fact]
    public void Hostile_shapes_are_rejected_before_allocating()
    {
        Rejects([1, 2, 3], "fixed4", "shape", rows: 1 << 20, cols: 1 << 20);
        Rejects([1, 2, 3], "fixed4", "shape", rows: 0, cols: 3);
    }

    [Fact]
    public void Nonzero_padding_bits_are_rejected()
    {
        byte[] p = Payload("fixed3", rows: 1, cols: 3); // 9 bits of codes: byte 2 has 7 unused bits
        p[^1] |= 0x80;
        Rejects(p, "fixed3", "unused bits", rows: 1, cols: 3);
    }

    [Fact]
    public void The_most_negative_code_is_rejected_for_symmetric_formats()
    {
        byte[] p = Payload("fixed4", rows: 1, cols: 2);
        p[1] = 0x08; // code 1000 = −8 at weight 0
        Rejects(p, "fixed4", "symmetric", rows: 1, cols: 2);
        byte[] q = Payload("int4", rows: 1, cols: 2);
        q[4] = 0x80; // weight 1 = 1000
        Rejects(q, "int4", "symmetric", rows: 1, cols: 2);
    }

    [Fact]
    public void Bad_vbs_metadata_is_rejected()
    {
        byte[] p = Payload("vbs4s2", rows: 1, cols: 8); // [s][F][shift1][shift2][shift3] codes
        Assert.Equal(2, p[0]);
        byte[] wrongS = (byte[])p.Clone();
        wrongS[0] = 3;
        Rejects(wrongS, "vbs4", "shift-code bits s = 3", rows: 1, cols: 8);
        byte[] notIncreasing = (byte[])p.Clone();
        notIncreasing[3] = notIncreasing[2];
        Rejects(notIncreasing, "vbs4s2", "must increase", rows: 1, cols: 8);
        byte[] tooFar = (byte[])p.Clone();
        tooFar[4] = 7; // m = 1: 1·2^7 > 127
        Rejects(tooFar, "vbs4s2", "int8", rows: 1, cols: 8);
        byte[] hugeF = (byte[])p.Clone();
        hugeF[1] = 120;
        Rejects(hugeF, "vbs4s2", "fractional length", rows: 1, cols: 8);
    }

    [Fact]
    public void Non_finite_scales_and_minus_128_levels_are_rejected()
    {
        byte[] p = Payload("int4", rows: 1, cols: 4);
        BitConverter.GetBytes(float.NaN).CopyTo(p, 0);
        Rejects(p, "int4", "NaN", rows: 1, cols: 4);
        byte[] l = Payload("lut2", rows: 1, cols: 4);
        l[4] = 0x80;
        Rejects(l, "lut2", "−128", rows: 1, cols: 4);
    }
}
