using RtDenoise.Training.Nn;

namespace RtDenoise.Training.Tests;

/// <summary>The hand-written gradient of the ESTOI-like loss against central finite differences, and its extremes.</summary>
public sealed class EnvelopeCorrelationLossTests
{
    private const int Bins = 129;

    private static (float[] Z, float[] Y, float[] S) Segments(int segments, int frames, int seed)
    {
        var rng = new Random(seed);
        int len = segments * frames * Bins;
        float[] z = [.. Enumerable.Range(0, len).Select(_ => (float)((rng.NextDouble() * 6) - 3))];
        float[] s = new float[len];
        float[] y = new float[len];
        for (int i = 0; i < len; i++)
        {
            // Compressed magnitudes (c = 0.3): speech with a syllable-rate envelope plus noise.
            int t = i / Bins % frames;
            double speech = (0.5 + (0.5 * Math.Sin(t * 0.7))) * rng.NextDouble();
            s[i] = (float)Math.Pow(speech, 0.3);
            y[i] = (float)Math.Pow(speech + (0.3 * rng.NextDouble()), 0.3);
        }

        return (z, y, s);
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        const int frames = 12, segments = 2;
        var loss = new EnvelopeCorrelationLoss(Bins, 16000, 0.3f, 0.18f, frames);
        (float[] z, float[] y, float[] s) = Segments(segments, frames, 4);
        var grad = new float[z.Length];
        loss.Accumulate(z, y, s, segments, 2f, grad);
        var rng = new Random(9);
        double maxG = grad.Max(Math.Abs);
        Assert.True(maxG > 1e-6, "gradient is zero everywhere");
        int checkedNonZero = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            int i = rng.Next(z.Length);
            float keep = z[i];
            const float h = 1e-2f;
            z[i] = keep + h;
            double up = loss.Accumulate(z, y, s, segments, 0f, Span<float>.Empty);
            z[i] = keep - h;
            double down = loss.Accumulate(z, y, s, segments, 0f, Span<float>.Empty);
            z[i] = keep;
            double numeric = 2f * (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - grad[i]) <= (1e-3 * maxG) + (0.02 * Math.Abs(numeric)),
                $"logit {i}: analytic {grad[i]:g6}, numeric {numeric:g6} (max |grad| {maxG:g3})");
            checkedNonZero += Math.Abs(numeric) > 0.01 * maxG ? 1 : 0;
        }

        Assert.True(checkedNonZero >= 30, $"only {checkedNonZero} of the checked gradients were sizeable");
    }

    [Fact]
    public void Enhanced_equal_to_clean_scores_zero_loss_and_the_noisy_input_scores_worse()
    {
        const int frames = 48;
        var loss = new EnvelopeCorrelationLoss(Bins, 16000, 0.3f, 0.18f);
        Assert.Equal(frames, loss.SegmentFrames);
        Assert.InRange(loss.Bands, 12, 15);
        (float[] _, float[] y, float[] s) = Segments(1, frames, 6);
        float[] pass = [.. Enumerable.Repeat(40f, s.Length)];
        double perfect = loss.Accumulate(pass, s, s, 1, 0f, Span<float>.Empty);
        double noisy = loss.Accumulate(pass, y, s, 1, 0f, Span<float>.Empty);
        Assert.InRange(perfect, -1e-6, 1e-6);
        Assert.True(noisy > 0.01, $"noisy loss {noisy}");
    }
}
