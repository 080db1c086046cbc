namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Per-frame state of the P.862 perceptual model for one pair: pitch power densities (frames × Bark bands) of
/// reference and degraded, silence flags, the reference's audible power, and the symmetric and asymmetric
/// disturbance of each frame. Frames are 32 ms with 50 % overlap, from the start of the padded reference.
/// </summary>
internal sealed class ModelFrames
{
    public ModelFrames(PesqRate rate, int longerLength, int startFrame, int stopFrame)
    {
        Rate = rate;
        LongerLength = longerLength;
        StartFrame = startFrame;
        StopFrame = stopFrame;
        Bands = rate.Bark.BandCount;
        Count = stopFrame + 1;
        PitchReference = new double[Count * Bands];
        PitchDegraded = new double[Count * Bands];
        Silent = new bool[Count];
        ReferencePower = new double[Count];
        Symmetric = new double[Count];
        Asymmetric = new double[Count];
    }

    public PesqRate Rate { get; }

    /// <summary>Padded length (without data padding) of the longer input.</summary>
    public int LongerLength { get; }

    /// <summary>First frame after the reference's leading silence (aggregation starts here).</summary>
    public int StartFrame { get; }

    /// <summary>Last frame before the reference's trailing silence (inclusive).</summary>
    public int StopFrame { get; }

    public int Count { get; }

    public int Bands { get; }

    public double[] PitchReference { get; }

    public double[] PitchDegraded { get; }

    public bool[] Silent { get; }

    /// <summary>Audible power of each reference frame (after frequency compensation).</summary>
    public double[] ReferencePower { get; }

    /// <summary>Symmetric disturbance (L2 over Bark) per frame.</summary>
    public double[] Symmetric { get; }

    /// <summary>Asymmetric disturbance (L1 over Bark) per frame.</summary>
    public double[] Asymmetric { get; }

    /// <summary>First sample of frame <paramref name="frame"/> in the padded signals.</summary>
    public int FrameStart(int frame) => Rate.SearchBufferSamples + (frame * Rate.FrameLength / 2);

    public Span<double> ReferenceBands(int frame) => PitchReference.AsSpan(frame * Bands, Bands);

    public Span<double> DegradedBands(int frame) => PitchDegraded.AsSpan(frame * Bands, Bands);

    /// <summary>Sum of the bands (except band 0) above <paramref name="factor"/> times the hearing threshold.</summary>
    public double TotalAudible(ReadOnlySpan<double> bands, double factor)
    {
        double[] threshold = Rate.Bark.AbsoluteThreshold;
        double result = 0;
        for (int b = 1; b < bands.Length; b++)
        {
            if (bands[b] > (float)(factor * threshold[b]))
            {
                result += bands[b];
            }
        }

        return result;
    }
}
