using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace RtDenoise.LatencyBench.Kernels;

/// <summary>
/// The fp32 matrix-vector baselines, shared by the <c>kernels</c> sweep and the BenchmarkDotNet suites so
/// both time the same code: one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per
/// row, and a plain 4-accumulator <see cref="Vector512{T}"/> loop (software-emulated where Vector512 is not accelerated).
/// </summary>
public static class Fp32Baselines
{
    /// <summary>y[r] = W[r, :]·x for a row-major W with <paramref name="k"/> columns and y.Length rows.</summary>
    public static void TensorPrimitivesRows(ReadOnlySpan<float> w, ReadOnlySpan<float> x, Span<float> y, int k)
    {
        for (int r = 0; r < y.Length; r++)
        {
            y[r] = TensorPrimitives.Dot(w.Slice(r * k, k), x[..k]);
        }
    }

    /// <summary>As <see cref="TensorPrimitivesRows"/>, with four independent Vector512 FMA chains per row.</summary>
    public static void Vector512Rows(ReadOnlySpan<float> w, ReadOnlySpan<float> x, Span<float> y, int k)
    {
        for (int r = 0; r < y.Length; r++)
        {
            ReadOnlySpan<float> row = w.Slice(r * k, k);
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            int i = 0;
            for (; i + 64 <= k; i += 64)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i, 16)), Vector512.Create(x.Slice(i, 16)), a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 16, 16)), Vector512.Create(x.Slice(i + 16, 16)), a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 32, 16)), Vector512.Create(x.Slice(i + 32, 16)), a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.Create(row.Slice(i + 48, 16)), Vector512.Create(x.Slice(i + 48, 16)), a3);
            }

            float s = Vector512.Sum((a0 + a1) + (a2 + a3));
            for (; i < k; i++)
            {
                s += row[i] * x[i];
            }

            y[r] = s;
        }
    }

    /// <summary>n seeded N(0, std²) samples (Box–Muller), for synthetic weights and inputs.</summary>
    public static float[] Gaussian(Random rng, int n, float std)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            v[i] = (float)(std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return v;
    }
}
