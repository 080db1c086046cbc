namespace RtDenoise.Training.Features;

/// <summary>Training frames: network inputs and what the loss needs, row per frame.</summary>
public sealed class FrameSet
{
    public FrameSet(int count, int features, int bins)
    {
        Count = count;
        Features = features;
        Bins = bins;
        X = new float[count * features];
        NoisyC = new float[count * bins];
        CleanC = new float[count * bins];
        Irm = new float[count * bins];
    }

    public int Count { get; }
    public int Features { get; }
    public int Bins { get; }

    /// <summary>Normalised features (Count × Features), as <see cref="RtDenoise.Engine.Model.SpectralFeatures"/> makes them.</summary>
    public float[] X { get; }

    /// <summary>Compressed noisy magnitudes |Y|^c (Count × Bins), level-normalised per mixture.</summary>
    public float[] NoisyC { get; }

    /// <summary>Compressed clean magnitudes |S|^c, same scale.</summary>
    public float[] CleanC { get; }

    /// <summary>Ideal ratio mask clamp(|S|/|Y|, floor, 1).</summary>
    public float[] Irm { get; }

    public static FrameSet Concat(IReadOnlyList<FrameSet> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var all = new FrameSet(parts.Sum(p => p.Count), parts[0].Features, parts[0].Bins);
        int f = 0, b = 0;
        foreach (FrameSet p in parts)
        {
            p.X.CopyTo(all.X, f);
            p.NoisyC.CopyTo(all.NoisyC, b);
            p.CleanC.CopyTo(all.CleanC, b);
            p.Irm.CopyTo(all.Irm, b);
            f += p.X.Length;
            b += p.NoisyC.Length;
        }

        return all;
    }
}
