using System.Numerics.Tensors;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>
/// The one fp32 layer: per row exactly TensorPrimitives.Dot + bias (the float model's arithmetic, so its output stays
/// bit for bit), within 2·K·2^−24·Σ|w·x| of the exact product whatever vector width TensorPrimitives picks, and
/// allocation-free.
/// </summary>
public sealed class Fp32LinearTests
{
    [Fact]
    public void Rows_are_tensorprimitives_dot_plus_bias_bit_for_bit()
    {
        int i = 0;
        foreach ((int rows, int cols) in KernelTestData.Shapes())
        {
            float[] w = KernelTestData.Input(1000 + i, rows * cols);
            float[] b = KernelTestData.Input(2000 + i, rows);
            float[] x = KernelTestData.Input(3000 + i, cols);
            var layer = new Fp32Linear(w, rows, cols, b, Activation.Linear);
            var y = new float[rows];
            layer.Forward(x, y);
            for (int r = 0; r < rows; r++)
            {
                float expected = TensorPrimitives.Dot(w.AsSpan(r * cols, cols), x) + b[r];
                Assert.Equal(expected, y[r]);
            }

            i++;
        }
    }

    [Fact]
    public void Rows_are_within_the_summation_bound_of_the_exact_product()
    {
        int i = 0;
        foreach ((int rows, int cols) in KernelTestData.Shapes())
        {
            float[] w = KernelTestData.Input(1000 + i, rows * cols);
            float[] b = KernelTestData.Input(2000 + i, rows);
            float[] x = KernelTestData.Input(3000 + i, cols);
            var y = new float[rows];
            new Fp32Linear(w, rows, cols, b, Activation.Linear).Forward(x, y);
            for (int r = 0; r < rows; r++)
            {
                double mag = Math.Abs(b[r]), exact = b[r];
                for (int c = 0; c < cols; c++)
                {
                    mag += Math.Abs(w[(r * cols) + c] * x[c]);
                    exact += w[(r * cols) + c] * (double)x[c];
                }

                double bound = 2 * (cols + 1) * Math.ScaleB(1, -24) * mag;
                Assert.True(Math.Abs(y[r] - exact) <= bound, $"{rows}x{cols} row {r}: {y[r]} vs exact {exact} (bound {bound})");
            }

            i++;
        }
    }

    [Fact]
    public void A_batch_is_its_frames_one_by_one()
    {
        float[] w = KernelTestData.Input(1, 33 * 70);
        float[] b = KernelTestData.Input(2, 33);
        float[] x = KernelTestData.Input(3, 4 * 70);
        var layer = new Fp32Linear(w, 33, 70, b, Activation.Relu);
        var batched = new float[4 * 33];
        layer.Forward(x, batched, 4);
        for (int f = 0; f < 4; f++)
        {
            var single = new float[33];
            layer.Forward(x.AsSpan(f * 70, 70), single);
            Assert.Equal(single, batched.AsSpan(f * 33, 33).ToArray());
        }
    }

    [Fact]
    public void Activations_apply_after_the_bias()
    {
        var relu = new Fp32Linear([1f, -2f], 1, 2, [0.5f], Activation.Relu);
        var sig = new Fp32Linear([1f, -2f], 1, 2, [0.5f], Activation.Sigmoid);
        var y = new float[1];
        relu.Forward([1f, 1f], y);
        Assert.Equal(0f, y[0]);
        relu.Forward([3f, 1f], y);
        Assert.Equal(1.5f, y[0]);
        sig.Forward([1f, 1f], y);
        Assert.Equal(1 / (1 + Math.Exp(0.5)), y[0], 6);
    }

    [Fact]
    public void Forward_allocates_nothing()
    {
        var layer = new Fp32Linear(KernelTestData.Input(2, 129 * 288), 129, 288, new float[129], Activation.Relu);
        float[] x = KernelTestData.Input(1, 288);
        var y = new float[129];
        for (int i = 0; i < 50; i++)
        {
            layer.Forward(x, y);
        }

        // Least of three windows: a late tier-1 promotion under load shows in one window, a per-call allocation in all.
        Assert.Equal(0L, Allocations.Least(() => layer.Forward(x, y), calls: 200));
    }
}
