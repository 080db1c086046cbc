namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The disturbance of each frame in P.862: the degraded frame is gain-compensated toward the
/// reference (ratio of audible powers, smoothed 0.2/0.8 over frames and kept within [3e-4, 5]), both become loudness
/// densities, their difference is shrunk by a dead zone of a quarter of the smaller loudness, and the result is
/// aggregated over Bark bands: L2 for the symmetric disturbance, and L1 after weighting by the asymmetry factor
/// ((P_deg + 50)/(P_ref + 50))^1.2 (cut to 0 below 3, capped at 12) for the asymmetric one.
/// </summary>
internal sealed class FrameDisturbance
{
    private const float MaxScale = 5.0f;
    private const float MinScale = 3e-4f;

    private readonly ModelFrames _frames;
    private readonly Loudness _loudness;
    private readonly double[] _widths;
    private readonly double[] _loudnessReference;
    private readonly double[] _loudnessDegraded;
    private readonly double[] _difference;

    public FrameDisturbance(ModelFrames frames)
    {
        _frames = frames;
        _loudness = new Loudness(frames.Rate);
        _widths = frames.Rate.Bark.WidthBark;
        _loudnessReference = new double[frames.Bands];
        _loudnessDegraded = new double[frames.Bands];
        _difference = new double[frames.Bands];
    }

    /// <summary>First pass over all frames; true when some frame's symmetric disturbance exceeds the bad-frame threshold.</summary>
    public bool ComputeAll(double badFrameThreshold)
    {
        bool anyBad = false;
        double oldScale = 1;
        for (int frame = 0; frame < _frames.Count; frame++)
        {
            _frames.ReferencePower[frame] = _frames.TotalAudible(_frames.ReferenceBands(frame), 1);
            (_frames.Symmetric[frame], _frames.Asymmetric[frame]) = Compute(frame, ref oldScale);
            anyBad |= _frames.Symmetric[frame] > badFrameThreshold;
        }

        return anyBad;
    }

    /// <summary>Re-evaluates frames [from, to) after realignment, keeping the smaller disturbance of the two passes.</summary>
    public void RecomputeKeepingMinimum(int from, int to)
    {
        double oldScale = 1;
        for (int frame = from; frame < to; frame++)
        {
            (double symmetric, double asymmetric) = Compute(frame, ref oldScale);
            _frames.Symmetric[frame] = Math.Min(_frames.Symmetric[frame], symmetric);
            _frames.Asymmetric[frame] = Math.Min(_frames.Asymmetric[frame], asymmetric);
        }
    }

    private (double Symmetric, double Asymmetric) Compute(int frame, ref double oldScale)
    {
        Span<double> reference = _frames.ReferenceBands(frame);
        Span<double> degraded = _frames.DegradedBands(frame);
        float scale = (float)((_frames.TotalAudible(reference, 1) + 5e3f) / (_frames.TotalAudible(degraded, 1) + 5e3f));
        if (frame > 0)
        {
            scale = (0.2f * (float)oldScale) + (0.8f * scale);
        }

        oldScale = scale;
        scale = Math.Clamp(scale, MinScale, MaxScale);
        for (int b = 0; b < degraded.Length; b++)
        {
            degraded[b] *= scale;
        }

        _loudness.Compute(reference, _loudnessReference);
        _loudness.Compute(degraded, _loudnessDegraded);
        for (int b = 0; b < _difference.Length; b++)
        {
            double d = _loudnessDegraded[b] - _loudnessReference[b];
            double m = 0.25 * Math.Min(_loudnessDegraded[b], _loudnessReference[b]);
            _difference[b] = d > m ? d - m : d < -m ? d + m : 0;
        }

        double symmetric = PseudoLp(_difference, 2);
        for (int b = 0; b < _difference.Length; b++)
        {
            float h = (float)Math.Pow((degraded[b] + 50f) / (reference[b] + 50f), 1.2f);
            h = h > 12f ? 12f : h < 3f ? 0f : h;
            _difference[b] *= h;
        }

        return (symmetric, PseudoLp(_difference, 1));
    }

    /// <summary>Bark-width-weighted Lp norm over bands 1.. (band 0 is left out), scaled by the total width.</summary>
    private double PseudoLp(double[] x, double p)
    {
        double totalWeight = 0, result = 0;
        for (int b = 1; b < x.Length; b++)
        {
            double w = (float)_widths[b];
            result += Math.Pow(Math.Abs(x[b]) * w, p);
            totalWeight += w;
        }

        return Math.Pow(result / totalWeight, 1 / p) * totalWeight;
    }
}
