using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>
/// The guards of the layers' hot entry points throw through ThrowHelper (out of line) with a one-line message that
/// names the layer and what was wrong; the path set on a layer is the one its kernels were resolved for.
/// </summary>
public sealed class ForwardGuardTests
{
    [Fact]
    public void Quantized_shape_errors_name_the_layer_the_batch_and_the_lengths()
    {
        (var q, float[] bias) = KernelTestData.Matrix("int4", 3, 40);
        using var layer = new QuantizedLinear(q, bias, Activation.Linear, maxBatch: 2);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new float[120], new float[9], 3));
        Assert.EndsWith(" layer 3x40: batch 3 (1..2) needs x of 120 floats (got 120) and y of at least 9 (got 9)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => layer.Forward(new float[39], new float[3]));
        Assert.Contains("needs x of 40 floats (got 39)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fp32_shape_errors_say_what_was_expected()
    {
        var layer = new Fp32Linear(new float[6], 2, 3, new float[2], Activation.Linear);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new float[4], new float[2], 1));
        Assert.Equal("fp32 layer 2x3: batch 1 (at least 1) needs x of 3 floats (got 4) and y of at least 2 (got 2)", e.Message);
    }

    [Fact]
    public void Every_supported_path_set_on_a_layer_gives_the_explicit_path_result()
    {
        foreach (string format in new[] { "vbs2", "int4", "int8" })
        {
            (var q, float[] bias) = KernelTestData.Matrix(format, 9, 100);
            using var layer = new QuantizedLinear(q, bias, Activation.Relu, maxBatch: 5);
            float[] x = KernelTestData.Input(7, 5 * 100);
            float[] reference = new float[5 * 9];
            layer.Forward(x, reference, 5, KernelPath.Scalar);
            foreach (KernelPath p in KernelDispatch.All.Where(KernelDispatch.IsSupported))
            {
                layer.Path = p;
                float[] y = new float[5 * 9];
                layer.Forward(x, y, 5);
                Assert.Equal(reference, y);
            }
        }
    }
}
