using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>fp32 paths sum in different orders: they must agree within 2·K·2^−24·Σ|w·x| (see Fp32Linear).</summary>
public sealed class Fp32LinearTests
{
    [Theory]
    [MemberData(nameof(KernelTestData.SimdPaths), MemberType = typeof(KernelTestData))]
    public void Path_matches_scalar_within_the_summation_bound(KernelPath path)
    {
        KernelTestData.SkipIfUnsupported(path);
        int i = 0;
        foreach ((int rows, int cols) in KernelTestData.Shapes())
        {
            float[] w = KernelTestData.Input(1000 + i, rows * cols);
            float[] b = KernelTestData.Input(2000 + i, rows);
            float[] x = KernelTestData.Input(3000 + i, cols);
            using var layer = new Fp32Linear(w, rows, cols, b, Activation.Linear);
            var ys = new float[rows];
            var yp = new float[rows];
            layer.Forward(x, ys, 1, KernelPath.Scalar);
            layer.Forward(x, yp, 1, path);
            for (int r = 0; r < rows; r++)
            {
                double mag = Math.Abs(b[r]), exact = b[r];
                for (int c = 0; c < cols; c++)
                {
                    mag += Math.Abs(w[(r * cols) + c] * x[c]);
                    exact += w[(r * cols) + c] * (double)x[c];
                }

                double bound = 2 * (cols + 1) * Math.ScaleB(1, -24) * mag;
                Assert.True(Math.Abs(yp[r] - ys[r]) <= bound, $"{rows}x{cols} row {r} {path}: {yp[r]} vs scalar {ys[r]} (bound {bound})");
                Assert.True(Math.Abs(ys[r] - exact) <= bound, $"{rows}x{cols} row {r}: scalar {ys[r]} vs exact {exact}");
            }

            i++;
        }
    }

    [Fact]
    public void Activations_apply_after_the_bias()
    {
        using var relu = new Fp32Linear([1f, -2f], 1, 2, [0.5f], Activation.Relu);
        using var sig = new Fp32Linear([1f, -2f], 1, 2, [0.5f], Activation.Sigmoid);
        var y = new float[1];
        relu.Forward([1f, 1f], y, 1, KernelPath.Scalar);
        Assert.Equal(0f, y[0]);
        relu.Forward([3f, 1f], y, 1, KernelPath.Scalar);
        Assert.Equal(1.5f, y[0]);
        sig.Forward([1f, 1f], y, 1, KernelPath.Scalar);
        Assert.Equal(1 / (1 + Math.Exp(0.5)), y[0], 6);
    }
}
