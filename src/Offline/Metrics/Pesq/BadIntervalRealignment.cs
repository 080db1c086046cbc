namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// P.862 realignment of bad intervals: runs of at least 5 frames whose symmetric disturbance exceeds
/// 30 (after a 2-frame smear) are realigned by correlating the magnitude of the reference with that of the
/// already-delayed degraded signal within ±4 frames; where the correlation reaches 0.5, the interval's frames are
/// recomputed on the shifted degraded signal and each frame keeps the smaller of the two disturbances.
/// </summary>
internal static class BadIntervalRealignment
{
    public const double BadFrameThreshold = 30;

    private const int SmearRange = 2;
    private const int MinBadFrames = 5;
    private const int SearchRangeInFrames = 4;

    public static void Apply(
        ModelFrames frames, PaddedSignal reference, double[] alignedDegraded, BarkSpectrum spectrum, FrameDisturbance disturbance, PesqFft fft)
    {
        PesqRate rate = frames.Rate;
        int half = rate.FrameLength / 2;
        int margin = rate.SearchBufferSamples;
        List<(int Start, int Stop)> intervals = BadIntervals(frames);
        if (intervals.Count == 0)
        {
            return;
        }

        double[] shifted = (double[])alignedDegraded.Clone();
        foreach ((int startFrame, int stopFrame) in intervals)
        {
            int startSample = (startFrame * half) + margin;
            int stopSample = (stopFrame * half) + rate.FrameLength + margin;
            int delay = IntervalDelay(frames, reference.Data, alignedDegraded, startSample, stopSample - startSample, fft);
            for (int i = startSample; i < stopSample; i++)
            {
                shifted[i] = alignedDegraded[Math.Clamp(i + delay, 0, frames.LongerLength - 1)];
            }
        }

        foreach ((int startFrame, int stopFrame) in intervals)
        {
            int last = Math.Min(stopFrame, frames.StopFrame);
            for (int frame = startFrame; frame < last; frame++)
            {
                spectrum.Compute(shifted, frames.FrameStart(frame), frames.DegradedBands(frame));
            }

            disturbance.RecomputeKeepingMinimum(startFrame, last);
        }
    }

    /// <summary>Runs of bad frames (smeared: a frame is bad when bad frames lie within 2 on both sides) of at least 5 frames.</summary>
    private static List<(int Start, int Stop)> BadIntervals(ModelFrames frames)
    {
        int stop = frames.StopFrame;
        bool[] bad = new bool[frames.Count];
        for (int frame = 1; frame <= stop; frame++)
        {
            bad[frame] = frames.Symmetric[frame] > BadFrameThreshold;
        }

        bool[] smeared = new bool[frames.Count];
        for (int frame = SmearRange; frame < stop - SmearRange; frame++)
        {
            bool left = false, right = false;
            for (int i = -SmearRange; i <= 0; i++)
            {
                left |= bad[frame + i];
            }

            for (int i = 0; i <= SmearRange; i++)
            {
                right |= bad[frame + i];
            }

            smeared[frame] = left && right;
        }

        var intervals = new List<(int, int)>();
        int f = 0;
        while (f <= stop)
        {
            while (f <= stop && !smeared[f])
            {
                f++;
            }

            int start = f;
            while (f <= stop && smeared[f])
            {
                f++;
            }

            if (start <= stop && f <= stop && f - start >= MinBadFrames)
            {
                intervals.Add((start, f));
            }
        }

        return intervals;
    }

    /// <summary>Delay of the degraded interval against the reference, or 0 when the best correlation is under 0.5.</summary>
    private static int IntervalDelay(ModelFrames frames, double[] reference, double[] degraded, int start, int count, PesqFft fft)
    {
        PesqRate rate = frames.Rate;
        int range = SearchRangeInFrames * rate.FrameLength;
        int total = (2 * range) + count;
        double[] refPart = new double[total];
        double[] degPart = new double[total];
        Array.Copy(reference, start, refPart, range, count);
        int lastIndex = frames.LongerLength - rate.SearchBufferSamples + rate.DataPaddingSamples - 1;
        for (int i = 0; i < total; i++)
        {
            degPart[i] = degraded[Math.Clamp(start - range + i, rate.SearchBufferSamples, lastIndex)];
        }

        (int delay, double correlation) = MagnitudeCorrelation.BestDelay(refPart, degPart, range, fft);
        return correlation < 0.5 ? 0 : delay;
    }
}
