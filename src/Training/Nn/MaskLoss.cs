using RtDenoise.Engine.Model;

namespace RtDenoise.Training.Nn;

/// <summary>
/// Speech-protecting loss on compressed magnitudes. Per bin, with gain g = floor + (1 − floor)·σ(z),
/// compressed noisy magnitude Yc = |Y|^c, clean Sc = |S|^c:
/// <code>
///   e = g^c·Yc − Sc                        (compressed masked-noisy minus compressed clean)
///   ℓ = e² + λ·min(e, 0)² + β·(g − IRM)²   IRM = clamp(|S|/|Y|, floor, 1)
/// </code>
/// λ penalises under-estimation (speech removed) on top of the symmetric error: the prototype without it
/// over-suppressed speech and lowered STOI; β anchors g to the ideal ratio mask. The mean over all bins is returned.
/// </summary>
public sealed record MaskLoss(float Compression, float UnderWeight, float MaskWeight, float Floor)
{
    /// <summary>Mean loss over <paramref name="logits"/>; writes d(mean loss)/d(logit) into
    /// <paramref name="dLogits"/> unless it is empty.</summary>
    public double Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> noisyC, ReadOnlySpan<float> cleanC,
        ReadOnlySpan<float> irm, Span<float> dLogits)
    {
        int n = logits.Length;
        double total = 0;
        float inv = 1f / n, c = Compression, lam = UnderWeight, beta = MaskWeight, fl = Floor;
        bool grad = !dLogits.IsEmpty;
        for (int i = 0; i < n; i++)
        {
            float s = 1f / (1f + MathF.Exp(-logits[i]));
            float g = fl + ((1 - fl) * s);
            float gc = MathF.Pow(g, c);
            float e = (gc * noisyC[i]) - cleanC[i];
            float under = MathF.Min(e, 0f);
            float m = g - irm[i];
            total += (e * e) + (lam * under * under) + (beta * m * m);
            if (grad)
            {
                float dg = (((2 * e) + (2 * lam * under)) * c * gc / g * noisyC[i]) + (2 * beta * m);
                dLogits[i] = dg * (1 - fl) * s * (1 - s) * inv;
            }
        }

        return total / n;
    }

    /// <summary>Gains as the real-time processor computes them (shared code path).</summary>
    public void Gains(ReadOnlySpan<float> logits, Span<float> gains) => DnnSpectralProcessor.ComputeGains(logits, Floor, 1f, gains);
}
