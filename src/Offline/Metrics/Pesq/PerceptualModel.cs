namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The perceptual model of P.862 on a time-aligned pair: frame range (leading and trailing reference
/// silence skipped), pitch power densities with the utterance delays applied to the degraded frames, frequency
/// response compensation of the reference, frame disturbances, zeroing of frames skipped by delay jumps,
/// realignment of bad intervals, and aggregation to the raw score.
/// </summary>
internal static class PerceptualModel
{
    private const double SilenceOfFiveSamples = 500;
    private const double SilentFramePower = 1e7;
    private const double CompensationConstant = 1000;

    public static double RawScore(PaddedSignal reference, PaddedSignal degraded, UtteranceTable table, PesqRate rate, PesqFft fft)
    {
        ModelFrames frames = CreateFrames(reference, Math.Max(reference.Length, degraded.Length), rate);
        var spectrum = new BarkSpectrum(rate, fft);
        FillPitchDensities(frames, reference, degraded, table, spectrum);
        CompensateFrequencyResponse(frames);

        var disturbance = new FrameDisturbance(frames);
        bool anyBad = disturbance.ComputeAll(BadIntervalRealignment.BadFrameThreshold);
        ZeroFramesSkippedByDelayJumps(frames, table);
        if (anyBad)
        {
            double[] aligned = DelayCompensated(degraded.Data, frames, table);
            BadIntervalRealignment.Apply(frames, reference, aligned, spectrum, disturbance, fft);
        }

        return DisturbanceAggregation.RawScore(frames);
    }

    /// <summary>Frames from the first to the last non-silent 5-sample stretch of the reference.</summary>
    private static ModelFrames CreateFrames(PaddedSignal reference, int longer, PesqRate rate)
    {
        double[] x = reference.Data;
        int margin = rate.SearchBufferSamples, padding = rate.DataPaddingSamples, half = rate.FrameLength / 2;
        int skipStart = 0;
        while (FiveSampleSum(x, margin + skipStart) < SilenceOfFiveSamples && skipStart < longer / 2)
        {
            skipStart++;
        }

        int skipEnd = 0;
        while (FiveSampleSum(x, longer - margin + padding - 5 - skipEnd) < SilenceOfFiveSamples && skipEnd < longer / 2)
        {
            skipEnd++;
        }

        int stopFrame = ((longer - (2 * margin) + padding - skipEnd) / half) - 1;
        return new ModelFrames(rate, longer, skipStart / half, stopFrame);
    }

    private static double FiveSampleSum(double[] x, int start)
    {
        double sum = 0;
        for (int i = 0; i < 5; i++)
        {
            sum += Math.Abs(x[start + i]);
        }

        return (float)sum;
    }

    private static void FillPitchDensities(
        ModelFrames frames, PaddedSignal reference, PaddedSignal degraded, UtteranceTable table, BarkSpectrum spectrum)
    {
        PesqRate rate = frames.Rate;
        int end = frames.LongerLength + rate.DataPaddingSamples;
        for (int frame = 0; frame < frames.Count; frame++)
        {
            int startRef = frames.FrameStart(frame);
            spectrum.Compute(reference.Data, startRef, frames.ReferenceBands(frame));
            int startDeg = startRef + table.DelayAt(startRef, rate.BlockSize);
            if (startDeg > 0 && startDeg + rate.FrameLength < end)
            {
                spectrum.Compute(degraded.Data, startDeg, frames.DegradedBands(frame));
            }
            else
            {
                BarkSpectrum.Silence(frames.DegradedBands(frame));
            }

            frames.Silent[frame] = frames.TotalAudible(frames.ReferenceBands(frame), 100) < SilentFramePower;
        }
    }

    /// <summary>
    /// Scales each reference band by the ratio of the degraded to the reference mean audible power over speech frames
    /// (plus a constant, kept within [0.01, 100]): a linear-filter difference is then not counted as disturbance.
    /// </summary>
    private static void CompensateFrequencyResponse(ModelFrames frames)
    {
        PesqRate rate = frames.Rate;
        double[] threshold = rate.Bark.AbsoluteThreshold;
        int divisor = ((frames.LongerLength - (2 * rate.SearchBufferSamples) + rate.DataPaddingSamples) / (rate.FrameLength / 2)) - 1;
        for (int b = 0; b < frames.Bands; b++)
        {
            double sumRef = 0, sumDeg = 0;
            for (int frame = 0; frame < frames.Count; frame++)
            {
                if (frames.Silent[frame])
                {
                    continue;
                }

                double r = frames.PitchReference[(frame * frames.Bands) + b];
                double d = frames.PitchDegraded[(frame * frames.Bands) + b];
                sumRef += r > 100 * threshold[b] ? r : 0;
                sumDeg += d > 100 * threshold[b] ? d : 0;
            }

            float avgRef = (float)(sumRef / divisor), avgDeg = (float)(sumDeg / divisor);
            float factor = (avgDeg + (float)CompensationConstant) / (avgRef + (float)CompensationConstant);
            factor = Math.Clamp(factor, 0.01f, 100.0f);
            for (int frame = 0; frame < frames.Count; frame++)
            {
                frames.PitchReference[(frame * frames.Bands) + b] *= factor;
            }
        }
    }

    /// <summary>Where the delay drops by more than half a frame between utterances, the repeated frames are not scored.</summary>
    private static void ZeroFramesSkippedByDelayJumps(ModelFrames frames, UtteranceTable table)
    {
        int block = frames.Rate.BlockSize, half = frames.Rate.FrameLength / 2, margin = PesqConstants.SearchBuffer;
        for (int utt = 1; utt < table.Count; utt++)
        {
            int frame1 = (((table.Start[utt] - margin) * block) + table.Delay[utt]) / half;
            int lastFrame = (((table.End[utt - 1] - margin) * block) + table.Delay[utt - 1]) / half;
            int jump = table.Delay[utt] - table.Delay[utt - 1];
            frame1 = Math.Max(Math.Min(frame1, lastFrame), 0);
            if (jump >= -half)
            {
                continue;
            }

            int frame2 = ((((table.Start[utt] - margin) * block) + Math.Abs(jump)) / half) + 1;
            for (int frame = frame1; frame <= frame2 && frame < frames.StopFrame; frame++)
            {
                frames.Symmetric[frame] = 0;
                frames.Asymmetric[frame] = 0;
            }
        }
    }

    /// <summary>The degraded signal with each utterance's delay undone (sample i reads i + delay, kept inside the signal).</summary>
    private static double[] DelayCompensated(double[] degraded, ModelFrames frames, UtteranceTable table)
    {
        int margin = frames.Rate.SearchBufferSamples, block = frames.Rate.BlockSize;
        int nn = frames.Rate.DataPaddingSamples + frames.LongerLength;
        double[] aligned = new double[nn];
        for (int i = margin; i < nn - margin; i++)
        {
            int j = Math.Clamp(i + table.DelayAt(i, block), margin, nn - margin - 1);
            aligned[i] = degraded[j];
        }

        return aligned;
    }
}
