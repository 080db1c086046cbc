namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// P.862 aggregation: frame disturbances are divided by (reference audible power + 1e5)/1e7 to the power
/// 0.04 and capped at 45, aggregated with an L6 over split-second intervals (20 frames, half-overlapping) and an L2
/// over those intervals (later ones weighted up for inputs longer than 1000 frames), and combined into the raw score
/// 4.5 − 0.1 d_sym − 0.0309 d_asym.
/// </summary>
internal static class DisturbanceAggregation
{
    private const int FramesPerInterval = 20;
    private const double MaxDisturbance = 45;

    public static double RawScore(ModelFrames frames)
    {
        double[] timeWeight = TimeWeights(frames);
        for (int frame = 0; frame < frames.Count; frame++)
        {
            double h = (float)Math.Pow((frames.ReferencePower[frame] + 1e5) / 1e7, 0.04);
            frames.Symmetric[frame] = Math.Min((float)(frames.Symmetric[frame] / h), MaxDisturbance);
            frames.Asymmetric[frame] = Math.Min((float)(frames.Asymmetric[frame] / h), MaxDisturbance);
        }

        double symmetric = (float)IntervalNorm(frames.StartFrame, frames.StopFrame, frames.Symmetric, timeWeight);
        double asymmetric = (float)IntervalNorm(frames.StartFrame, frames.StopFrame, frames.Asymmetric, timeWeight);
        return (float)(4.5 - (PesqConstants.SymmetricWeight * symmetric) - (PesqConstants.AsymmetricWeight * asymmetric));
    }

    /// <summary>1 everywhere, or for more than 1000 frames a ramp that weights the end up to twice the start.</summary>
    private static double[] TimeWeights(ModelFrames frames)
    {
        double[] weight = new double[frames.Count];
        Array.Fill(weight, 1.0);
        if (frames.Count > 1000)
        {
            int half = frames.Rate.FrameLength / 2;
            int n = ((frames.LongerLength - (2 * frames.Rate.SearchBufferSamples)) / half) - 1;
            double factor = Math.Min((n - 1000f) / 5500f, 0.5f);
            for (int frame = 0; frame < frames.Count; frame++)
            {
                weight[frame] = (float)((1.0f - factor) + (factor * frame / n));
            }
        }

        return weight;
    }

    /// <summary>L6 over each 20-frame interval (frames past the end count as zeros), then weighted L2 over intervals.</summary>
    private static double IntervalNorm(int startFrame, int stopFrame, double[] disturbance, double[] timeWeight)
    {
        const double syllablePower = 6, timePower = 2;
        double result = 0, totalWeight = 0;
        for (int first = startFrame; first <= stopFrame; first += FramesPerInterval / 2)
        {
            double sum = 0;
            for (int frame = first; frame < first + FramesPerInterval && frame <= stopFrame; frame++)
            {
                sum += Math.Pow(disturbance[frame], syllablePower);
            }

            double interval = Math.Pow(sum / FramesPerInterval, 1 / syllablePower);
            double w = timeWeight[first - startFrame];
            result += Math.Pow(w * interval, timePower);
            totalWeight += Math.Pow(w, timePower);
        }

        return Math.Pow(result / totalWeight, 1 / timePower);
    }
}
