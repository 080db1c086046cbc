using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>
/// Every SIMD path, forced in-process, against the scalar specification. Quantized kernels are bit-exact:
/// the integer dots are exact on every path and the float epilogue is shared, so outputs must be identical.
/// </summary>
public sealed class QuantizedLinearPathTests
{
    [Theory]
    [MemberData(nameof(KernelTestData.SimdPathsByFormat), MemberType = typeof(KernelTestData))]
    public void Path_output_equals_scalar_bit_for_bit_on_every_shape(KernelPath path, string format)
    {
        KernelTestData.SkipIfUnsupported(path);
        int shapeIndex = 0;
        foreach ((int rows, int cols) in KernelTestData.Shapes())
        {
            (QuantizedMatrix q, float[] bias) = KernelTestData.Matrix(format, rows, cols);
            var act = (Activation)(shapeIndex % 3);
            // Batch 5 = one 4-frame pass + one 1-frame pass; run it on every 5th shape and the real shapes.
            int batch = shapeIndex % 5 == 0 || rows > 130 ? 5 : 1;
            using var layer = new QuantizedLinear(q, bias, act, maxBatch: 5);
            float[] x = KernelTestData.Input(shapeIndex, batch * cols);
            var expected = new float[batch * rows];
            var actual = new float[batch * rows];
            layer.Forward(x, expected, batch, KernelPath.Scalar);
            layer.Forward(x, actual, batch, path);
            for (int i = 0; i < expected.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                {
                    Assert.Fail($"{format} {rows}x{cols} batch {batch} {act} on {path}: y[{i}] = {actual[i]}, scalar {expected[i]}");
                }
            }

            shapeIndex++;
        }
    }

    [Theory]
    [MemberData(nameof(KernelTestData.SimdPaths), MemberType = typeof(KernelTestData))]
    public void Extreme_levels_and_activations_do_not_saturate(KernelPath path)
    {
        KernelTestData.SkipIfUnsupported(path);
        // int8 rows of ±w quantize to levels ±127; x with the same signs gives |x| = 127 everywhere, so every
        // pmaddubsw pair is 2·127·127 and the dot is exactly 127²·cols.
        const int rows = 3, cols = 256;
        var rng = new Random(5);
        var w = new float[rows * cols];
        var x = new float[cols];
        for (int c = 0; c < cols; c++)
        {
            x[c] = rng.Next(2) == 0 ? -1 : 1;
            for (int r = 0; r < rows; r++)
            {
                w[(r * cols) + c] = x[c];
            }
        }

        foreach (string format in new[] { "int8", "fixed8", "lut8", "vbs8" })
        {
            QuantizedMatrix q = Quantizer.Quantize(w, rows, cols, WeightFormat.Parse(format));
            using var layer = new QuantizedLinear(q, new float[rows], Activation.Linear);
            var y = new float[rows];
            var ys = new float[rows];
            layer.Forward(x, ys, 1, KernelPath.Scalar);
            layer.Forward(x, y, 1, path);
            Assert.Equal(ys, y);
            Assert.Equal(cols, y[0], 0.01);
        }
    }

    [Theory]
    [InlineData("vbs4")]
    [InlineData("int3b32")]
    [InlineData("lut2r")]
    [InlineData("fixed8")]
    [InlineData("vbs3g64")]
    public void Scalar_kernel_matches_a_double_reference_on_decoded_weights(string format)
    {
        const int rows = 37, cols = 203;
        (QuantizedMatrix q, float[] bias) = KernelTestData.Matrix(format, rows, cols);
        var w = new float[rows * cols];
        q.Decode(w);
        float[] x = KernelTestData.Input(9, cols);
        using var layer = new QuantizedLinear(q, bias, Activation.Linear);
        var y = new float[rows];
        layer.Forward(x, y, 1, KernelPath.Scalar);

        // Independent int8 activation quantization: xq = round(x·127/max|x|), scale max|x|/127.
        float max = 0;
        foreach (float v in x)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        double sx = max / 127.0;
        for (int r = 0; r < rows; r++)
        {
            double exact = bias[r], mag = Math.Abs(bias[r]), vsFloat = 0;
            for (int c = 0; c < cols; c++)
            {
                double xq = Math.Round(x[c] * (127f / max), MidpointRounding.ToEven) * sx;
                exact += w[(r * cols) + c] * xq;
                mag += Math.Abs(w[(r * cols) + c] * xq);
                vsFloat += Math.Abs(w[(r * cols) + c]) * sx / 2;
            }

            // Only float rounding of the epilogue separates the kernel from the exact value.
            Assert.True(Math.Abs(y[r] - exact) <= 1e-5 * mag, $"{format} row {r}: {y[r]} vs {exact}");
            // And the int8 activation rounding bounds the distance to the float product.
            double floatProduct = bias[r];
            for (int c = 0; c < cols; c++)
            {
                floatProduct += w[(r * cols) + c] * (double)x[c];
            }

            Assert.True(Math.Abs(y[r] - floatProduct) <= vsFloat + (1e-5 * mag), $"{format} row {r}: {y[r]} vs float {floatProduct}");
        }
    }

    [Fact]
    public void Vector_activation_quantization_equals_scalar()
    {
        for (int n = 1; n < 300; n += 7)
        {
            float[] x = KernelTestData.Input(n, n);
            var a = new sbyte[n];
            var b = new sbyte[n];
            float sa, sb;
            unsafe
            {
                fixed (sbyte* pa = a, pb = b)
                {
                    sa = ActivationQuantizer.QuantizeScalar(x, pa);
                    sb = ActivationQuantizer.Quantize(x, pb);
                }
            }

            Assert.Equal(sa, sb);
            Assert.Equal(a, b);
            Assert.Contains(a, v => Math.Abs(v) == 127);
        }
    }

    [Fact]
    public void Forward_allocates_nothing()
    {
        (QuantizedMatrix q, float[] bias) = KernelTestData.Matrix("vbs4g64", 257, 512);
        using var layer = new QuantizedLinear(q, bias, Activation.Relu, maxBatch: 8);
        float[] x = KernelTestData.Input(1, 8 * 512);
        var y = new float[8 * 257];
        var fp = new Fp32Linear(KernelTestData.Input(2, 257 * 512), 257, 512, bias, Activation.Sigmoid);
        for (int i = 0; i < 50; i++)
        {
            layer.Forward(x.AsSpan(0, 512), y);
            layer.Forward(x, y, 8);
            fp.Forward(x.AsSpan(0, 512), y);
        }

        long allocated = Allocations.Least(
            () =>
            {
                layer.Forward(x.AsSpan(0, 512), y);
                layer.Forward(x, y, 8);
                fp.Forward(x.AsSpan(0, 512), y);
            },
            calls: 300);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Bad_shapes_are_rejected_with_the_expected_sizes()
    {
        (QuantizedMatrix q, float[] bias) = KernelTestData.Matrix("int4", 4, 10);
        using var layer = new QuantizedLinear(q, bias, Activation.Linear, maxBatch: 2);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new float[9], new float[4]));
        Assert.Contains("x of 10 floats (got 9)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => layer.Forward(new float[30], new float[12], 3));
        Assert.Throws<ArgumentException>(() => new QuantizedLinear(q, new float[3], Activation.Linear));
    }
}
