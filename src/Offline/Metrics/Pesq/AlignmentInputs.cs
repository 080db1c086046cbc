namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Both signals as the time alignment sees them (alignment-filtered copies and their speech envelopes), with the
/// crude (envelope) and fine (histogram) delay estimators of P.862 over them.
/// </summary>
internal sealed class AlignmentInputs
{
    public AlignmentInputs(PaddedSignal reference, PaddedSignal degraded, PesqRate rate, PesqFft fft)
    {
        Rate = rate;
        Fft = fft;
        Reference = InputFilters.ForAlignment(reference, rate);
        Degraded = InputFilters.ForAlignment(degraded, rate);
        ReferenceActivity = SpeechActivity.Detect(Reference, rate);
        DegradedActivity = SpeechActivity.Detect(Degraded, rate);
        Correlator = new WindowCorrelator(rate.AlignFftLength, fft);
        Histogram = new DelayHistogram(rate.AlignFftLength);
    }

    public PesqRate Rate { get; }

    public PesqFft Fft { get; }

    public PaddedSignal Reference { get; }

    public PaddedSignal Degraded { get; }

    public SpeechActivity ReferenceActivity { get; }

    public SpeechActivity DegradedActivity { get; }

    public WindowCorrelator Correlator { get; }

    public DelayHistogram Histogram { get; }

    /// <summary>Envelope delay of the whole degraded signal against the whole reference, in samples.</summary>
    public int WholeSignalDelay()
    {
        int lag = EnvelopeCorrelation.BestLag(
            Fft,
            ReferenceActivity.LogEnvelope, 0, Reference.BlockCount(Rate),
            DegradedActivity.LogEnvelope, 0, Degraded.BlockCount(Rate));
        return lag * Rate.BlockSize;
    }

    /// <summary>
    /// Envelope delay of the reference blocks [searchStart, searchEnd) against the degraded signal shifted by
    /// <paramref name="priorDelay"/> samples; returns the refined delay in samples.
    /// </summary>
    public int RangeDelay(int searchStart, int searchEnd, int priorDelay)
    {
        int block = Rate.BlockSize;
        int startRef = searchStart;
        int startDeg = startRef + (priorDelay / block);
        if (startDeg < 0)
        {
            startRef = -priorDelay / block;
            startDeg = 0;
        }

        int countRef = searchEnd - startRef;
        int countDeg = Math.Min(countRef, Degraded.BlockCount(Rate) - startDeg);
        int lag = EnvelopeCorrelation.BestLag(
            Fft, ReferenceActivity.LogEnvelope, startRef, countRef, DegradedActivity.LogEnvelope, startDeg, countDeg);
        return (lag * block) + priorDelay;
    }

    /// <summary>
    /// Fine delay over the reference blocks [searchStart, searchEnd): histogram of window cross-correlation peaks
    /// around the estimate; returns the delay in samples and its confidence.
    /// </summary>
    public (int Delay, double Confidence) FineDelay(int searchStart, int searchEnd, int estimate)
    {
        int n = Rate.AlignFftLength;
        int startRef = searchStart * Rate.BlockSize;
        int startDeg = startRef + estimate;
        if (startDeg < 0)
        {
            startRef = -estimate;
            startDeg = 0;
        }

        Histogram.Clear();
        while (startDeg + n <= Degraded.Length && startRef + n <= searchEnd * Rate.BlockSize)
        {
            double threshold = Correlator.Correlate(Reference.Data, startRef, Degraded.Data, startDeg);
            Histogram.Add(Correlator.Magnitudes, threshold);
            startRef += n / 4;
            startDeg += n / 4;
        }

        (int lag, double confidence) = Histogram.Peak();
        return (estimate + lag, confidence);
    }
}
