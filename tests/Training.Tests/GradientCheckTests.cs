using RtDenoise.Training.Nn;

namespace RtDenoise.Training.Tests;

/// <summary>Back-propagation against central finite differences, for every layer's W and b and for the loss.</summary>
public sealed class GradientCheckTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(0.3f)]
    public void Mlp_gradients_match_finite_differences(float dropout)
    {
        var net = new Mlp([6, 9, 7, 5], seed: 11);
        var rng = new Random(5);
        const int batch = 4;
        float[] x = Enumerable.Range(0, batch * 6).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        float[] r = Enumerable.Range(0, batch * 5).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

        // Loss = Σ r ⊙ logits, so dLoss/dlogits = r. The same dropout seed every pass gives the same masks.
        double Loss()
        {
            float[] y = net.Forward(x, batch, dropout, new Random(99));
            double s = 0;
            for (int i = 0; i < r.Length; i++)
            {
                s += r[i] * (double)y[i];
            }

            return s;
        }

        Loss();
        net.Backward(r, batch);
        for (int l = 0; l < net.LayerCount; l++)
        {
            Check(net.W[l], (float[])net.GW[l].Clone(), Loss, $"W{l}");
            Check(net.B[l], (float[])net.GB[l].Clone(), Loss, $"b{l}");
        }
    }

    [Fact]
    public void Mask_loss_gradient_matches_finite_differences()
    {
        var loss = new MaskLoss(0.3f, 2f, 0.1f, 0.1f);
        var rng = new Random(8);
        const int n = 64;
        float[] z = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 6 - 3)).ToArray();
        float[] y = Enumerable.Range(0, n).Select(_ => (float)(0.2 + rng.NextDouble())).ToArray();
        float[] s = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 1.2)).ToArray();
        float[] irm = Enumerable.Range(0, n).Select(_ => (float)Math.Clamp(rng.NextDouble(), 0.1, 1)).ToArray();
        var grad = new float[n];
        loss.Compute(z, y, s, irm, grad);
        for (int i = 0; i < n; i++)
        {
            float keep = z[i];
            const float eps = 1e-2f;
            z[i] = keep + eps;
            double up = loss.Compute(z, y, s, irm, Span<float>.Empty);
            z[i] = keep - eps;
            double down = loss.Compute(z, y, s, irm, Span<float>.Empty);
            z[i] = keep;
            double numeric = (up - down) / (2 * eps);
            Assert.True(Math.Abs(numeric - grad[i]) <= 2e-3 * Math.Max(Math.Abs(numeric), 1e-3) + 2e-6,
                $"dL/dz[{i}]: analytic {grad[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Under_estimation_costs_one_plus_lambda_times_over_estimation()
    {
        // Compressed noisy 1, compressed clean 0.7; masked estimates 0.6 (speech removed) and 0.8 (noise kept):
        // the same |e| = 0.1, but under-estimation costs (1 + λ)·e² = 0.03 and over-estimation e² = 0.01.
        var loss = new MaskLoss(0.3f, 2f, 0f, 0.1f);
        float[] y = [1f], s = [0.7f], irm = [0.5f];
        double under = loss.Compute([Logit(MathF.Pow(0.6f, 1 / 0.3f), 0.1f)], y, s, irm, Span<float>.Empty);
        double over = loss.Compute([Logit(MathF.Pow(0.8f, 1 / 0.3f), 0.1f)], y, s, irm, Span<float>.Empty);
        Assert.Equal(0.03, under, 4);
        Assert.Equal(0.01, over, 4);
    }

    private static float Logit(float g, float floor)
    {
        float sg = (g - floor) / (1 - floor);
        return MathF.Log(sg / (1 - sg));
    }

    private static void Check(float[] p, float[] analytic, Func<double> loss, string name)
    {
        for (int i = 0; i < p.Length; i++)
        {
            float keep = p[i];
            const float eps = 1e-3f;
            p[i] = keep + eps;
            double up = loss();
            p[i] = keep - eps;
            double down = loss();
            p[i] = keep;
            double numeric = (up - down) / (2 * eps);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-2 * Math.Max(Math.Abs(numeric), 1),
                $"{name}[{i}]: analytic {analytic[i]}, numeric {numeric}");
        }
    }
}
