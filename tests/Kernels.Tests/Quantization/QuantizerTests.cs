using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.Tests.Quantization;

public sealed class QuantizerTests
{
    public static TheoryData<string> Formats()
    {
        var data = new TheoryData<string>();
        for (int b = 2; b <= 8; b++)
        {
            foreach (string f in new[] { "fixed", "vbs", "int", "lut" })
            {
                data.Add($"{f}{b}");
            }

            data.Add($"vbs{b}g32");
            data.Add($"vbs{b}s{WeightFormat.MaxVbsShiftBits(b)}g64");
            data.Add($"int{b}b32");
            data.Add($"int{b}b64");
            data.Add($"lut{b}r");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Decode_is_the_nearest_representable_value_of_each_weights_group(string formatText)
    {
        WeightFormat format = WeightFormat.Parse(formatText);
        var rng = new Random(formatText.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        for (int trial = 0; trial < 6; trial++)
        {
            int rows = rng.Next(1, 9), cols = rng.Next(1, 150);
            float[] w = TestMatrices.Gaussian(rng, rows * cols, std: Math.Pow(10, rng.Next(-3, 1)));
            QuantizedMatrix q = Quantizer.Quantize(w, rows, cols, format);
            var decoded = new float[rows * cols];
            q.Decode(decoded);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    double x = w[(r * cols) + c], got = decoded[(r * cols) + c];
                    Assert.Equal(got, q[r, c]);
                    double best = RepresentableValues(q, r, c).Min(v => Math.Abs(x - v));
                    Assert.True(Math.Abs(x - got) <= best,
                        $"{format} {rows}x{cols} [{r},{c}]: w={x} decoded {got} (error {Math.Abs(x - got)}) but a level is {best} away");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Payload_round_trips_and_has_exactly_StorageBytes(string formatText)
    {
        WeightFormat format = WeightFormat.Parse(formatText);
        var rng = new Random(7 + formatText.Length);
        int rows = rng.Next(1, 12), cols = rng.Next(1, 200);
        float[] w = TestMatrices.Gaussian(rng, rows * cols);
        QuantizedMatrix q = Quantizer.Quantize(w, rows, cols, format);
        var ms = new MemoryStream();
        q.WriteTo(ms);
        Assert.Equal(q.StorageBytes, ms.Length);
        QuantizedMatrix back = QuantizedMatrix.Read(ms.ToArray(), rows, cols, format);
        Assert.Equal(q.Codes.ToArray(), back.Codes.ToArray());
        Assert.Equal(q.Scales.ToArray(), back.Scales.ToArray());
        Assert.Equal(q.Levels.ToArray(), back.Levels.ToArray());
        var a = new float[rows * cols];
        var b = new float[rows * cols];
        q.Decode(a);
        back.Decode(b);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Vbs_with_zero_shift_bits_equals_fixed(int bits)
    {
        var rng = new Random(bits);
        for (int trial = 0; trial < 5; trial++)
        {
            int rows = rng.Next(1, 20), cols = rng.Next(1, 300);
            float[] w = TestMatrices.Gaussian(rng, rows * cols);
            QuantizedMatrix fixedQ = Quantizer.Quantize(w, rows, cols, WeightFormat.Fixed(bits));
            QuantizedMatrix vbsQ = Quantizer.Quantize(w, rows, cols, WeightFormat.Vbs(bits, shiftBits: 0));
            Assert.Equal(fixedQ.FractionalLength, vbsQ.VbsBaseF[0]);
            var a = new float[rows * cols];
            var b = new float[rows * cols];
            fixedQ.Decode(a);
            vbsQ.Decode(b);
            Assert.Equal(a, b);
            Assert.Equal(fixedQ.StorageBytes + 1, vbsQ.StorageBytes); // vbs stores s beside F
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Vbs_error_never_exceeds_fixed_and_shrinks_with_outliers(int bits)
    {
        var rng = new Random(100 + bits);
        float[] w = TestMatrices.Gaussian(rng, 64 * 200, outlierRate: 0.002);
        double fixedErr = SquaredError(w, Quantizer.Quantize(w, 64, 200, WeightFormat.Fixed(bits)));
        QuantizedMatrix vbs = Quantizer.Quantize(w, 64, 200, WeightFormat.Vbs(bits));
        double vbsErr = SquaredError(w, vbs);
        Assert.True(vbsErr <= fixedErr, $"vbs{bits} {vbsErr} > fixed{bits} {fixedErr}");
        Assert.True(vbs.VbsShiftBits > 0, "17-sigma outliers should make the encoder choose a virtual shift");
        Assert.True(vbsErr < 0.9 * fixedErr, $"vbs{bits} {vbsErr} vs fixed {fixedErr}");
    }

    [Theory]
    [InlineData("fixed4", 105 + 1)]
    [InlineData("vbs3s1g64", 79 + 1 + (6 * 2))]
    [InlineData("vbs4s2", 105 + 1 + 4)]
    [InlineData("int4", 105 + (3 * 4))]
    [InlineData("int4b32", 105 + (9 * 4))]
    [InlineData("lut3r", 79 + (3 * (4 + 8)))]
    [InlineData("lut2", 53 + 4 + 4)]
    [InlineData("int8b64", 210 + (6 * 4))]
    public void Storage_matches_a_hand_computation_for_a_3x70_matrix(string formatText, int expectedBytes)
    {
        // 3x70 = 210 weights: codes 210·b/8 bytes rounded up (b=2: 53, 3: 79, 4: 105, 8: 210);
        // per-row segments of 32 → 3 per row, of 64 → 2 per row.
        float[] w = TestMatrices.Gaussian(new Random(3), 210);
        QuantizedMatrix q = Quantizer.Quantize(w, 3, 70, WeightFormat.Parse(formatText));
        Assert.Equal(expectedBytes, q.StorageBytes);
        Assert.Equal(q.CodeBytes + q.MetadataBytes, q.StorageBytes);
    }

    private static double SquaredError(float[] w, QuantizedMatrix q)
    {
        var d = new float[w.Length];
        q.Decode(d);
        double e = 0;
        for (int i = 0; i < w.Length; i++)
        {
            e += (w[i] - (double)d[i]) * (w[i] - (double)d[i]);
        }

        return e;
    }

    /// <summary>Every value the weight's group can represent, computed from the format's own metadata.</summary>
    private static IEnumerable<double> RepresentableValues(QuantizedMatrix q, int r, int c)
    {
        int b = q.Bits, qmax = (1 << (b - 1)) - 1;
        int seg = c / q.SegmentLength;
        switch (q.Format.Kind)
        {
            case WeightFormatKind.Fixed:
                return Enumerable.Range(-qmax, (2 * qmax) + 1).Select(k => Math.ScaleB(k, -q.FractionalLength));
            case WeightFormatKind.Int:
                {
                    float scale = q.Scales[(r * q.SegmentsPerRow) + seg];
                    return Enumerable.Range(-qmax, (2 * qmax) + 1).Select(k => (double)(k * scale));
                }

            case WeightFormatKind.Vbs:
                {
                    int g = q.Format.Group == 0 ? 0 : (r * q.SegmentsPerRow) + seg;
                    int s = q.VbsShiftBits, n = 1 << s, m = b - 1 - s, f = q.VbsBaseF[g];
                    byte[] table = q.VbsShiftTable.Slice(g * n, n).ToArray();
                    return from code in Enumerable.Range(0, n)
                           from mag in Enumerable.Range(0, 1 << m)
                           from sign in new[] { -1, 1 }
                           select sign * Math.ScaleB(mag, -(f + table[code]));
                }

            default:
                {
                    int t = q.Format.PerRow ? r : 0;
                    float scale = q.Scales[r * q.SegmentsPerRow];
                    sbyte[] levels = q.Levels.Slice(t << b, 1 << b).ToArray();
                    return levels.Select(l => (double)(l * scale));
                }
        }
    }
}
