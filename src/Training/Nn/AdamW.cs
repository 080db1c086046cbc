namespace RtDenoise.Training.Nn;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with decoupled weight decay (AdamW, Loshchilov &amp; Hutter, 2019) on the weight
/// matrices only (biases are not decayed). State is exposed for checkpoints.
/// </summary>
public sealed class AdamW
{
    private readonly Mlp _net;

    public AdamW(Mlp net)
    {
        ArgumentNullException.ThrowIfNull(net);
        _net = net;
        MW = net.W.Select(w => new float[w.Length]).ToArray();
        VW = net.W.Select(w => new float[w.Length]).ToArray();
        MB = net.B.Select(b => new float[b.Length]).ToArray();
        VB = net.B.Select(b => new float[b.Length]).ToArray();
    }

    public float Beta1 { get; init; } = 0.9f;
    public float Beta2 { get; init; } = 0.999f;
    public float Epsilon { get; init; } = 1e-8f;
    public long Step { get; set; }
    public float[][] MW { get; }
    public float[][] VW { get; }
    public float[][] MB { get; }
    public float[][] VB { get; }

    /// <summary>One update with the gradients in the network, learning rate <paramref name="lr"/>, decay
    /// <paramref name="weightDecay"/>; the gradient is clipped to global norm <paramref name="clip"/>.</summary>
    public void Update(float lr, float weightDecay, float clip = 5f)
    {
        Step++;
        double norm2 = 0;
        for (int l = 0; l < _net.LayerCount; l++)
        {
            foreach (float g in _net.GW[l])
            {
                norm2 += (double)g * g;
            }

            foreach (float g in _net.GB[l])
            {
                norm2 += (double)g * g;
            }
        }

        float scale = norm2 > (double)clip * clip ? (float)(clip / Math.Sqrt(norm2)) : 1f;
        float c1 = 1f / (1f - MathF.Pow(Beta1, Step)), c2 = 1f / (1f - MathF.Pow(Beta2, Step));
        for (int l = 0; l < _net.LayerCount; l++)
        {
            Apply(_net.W[l], _net.GW[l], MW[l], VW[l], lr, weightDecay, scale, c1, c2);
            Apply(_net.B[l], _net.GB[l], MB[l], VB[l], lr, 0f, scale, c1, c2);
        }
    }

    private void Apply(float[] p, float[] g, float[] m, float[] v, float lr, float wd, float scale, float c1, float c2)
    {
        float b1 = Beta1, b2 = Beta2, eps = Epsilon;
        for (int i = 0; i < p.Length; i++)
        {
            float gi = g[i] * scale;
            m[i] = (b1 * m[i]) + ((1 - b1) * gi);
            v[i] = (b2 * v[i]) + ((1 - b2) * gi * gi);
            p[i] -= lr * (((m[i] * c1) / (MathF.Sqrt(v[i] * c2) + eps)) + (wd * p[i]));
        }
    }
}
