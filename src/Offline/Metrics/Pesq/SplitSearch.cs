namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The break-point search of one utterance (P.862): up to 40 break points spaced over the speech; for
/// each, crude delays of the parts before and after, then fine delays by histogram (windows marching forward from the
/// utterance start for the first part, backward from its end for the second, shared between break points with the
/// same crude estimate).
/// </summary>
internal sealed class SplitSearch
{
    private const int MaxBreakPoints = 40;
    private const double Pending = -2.0;

    private readonly AlignmentInputs _inputs;
    private readonly int _start;
    private readonly int _end;
    private readonly double _wholeConfidence;
    private readonly int[] _breakPoints = new int[MaxBreakPoints + 1];
    private readonly int _count;
    private readonly int[] _estimate1 = new int[MaxBreakPoints];
    private readonly int[] _estimate2 = new int[MaxBreakPoints];
    private readonly int[] _delay1 = new int[MaxBreakPoints];
    private readonly int[] _delay2 = new int[MaxBreakPoints];
    private readonly double[] _confidence1 = new double[MaxBreakPoints];
    private readonly double[] _confidence2 = new double[MaxBreakPoints];

    public SplitSearch(
        AlignmentInputs inputs, int start, int speechStart, int speechEnd, int end, int delayEstimate, double confidence)
    {
        _inputs = inputs;
        _start = start;
        _end = end;
        _wholeConfidence = confidence;
        int speechLength = speechEnd - speechStart;
        int delta = inputs.Rate.AlignFftLength / (4 * inputs.Rate.BlockSize);
        int step = (int)(((0.801 * speechLength) + (40 * delta) - 1) / (40 * delta)) * delta;
        int pad = Math.Max(speechLength / 10, 75);
        _breakPoints[0] = speechStart + pad;
        do
        {
            _count++;
            _breakPoints[_count] = _breakPoints[_count - 1] + step;
        }
        while (_breakPoints[_count] <= speechEnd - pad && _count < MaxBreakPoints);

        for (int bp = 0; bp < _count; bp++)
        {
            _estimate1[bp] = inputs.RangeDelay(start, _breakPoints[bp], delayEstimate);
            _estimate2[bp] = inputs.RangeDelay(_breakPoints[bp], end, delayEstimate);
        }
    }

    /// <summary>The most confident valid split, or null when no break point beats the whole utterance.</summary>
    public SplitResult? Best()
    {
        AlignFirstParts();
        AlignSecondParts();
        SplitResult? best = null;
        double bestSum = 0;
        for (int bp = 0; bp < _count; bp++)
        {
            bool valid = Math.Abs(_delay2[bp] - _delay1[bp]) >= _inputs.Rate.BlockSize
                && _confidence1[bp] + _confidence2[bp] > bestSum
                && _confidence1[bp] > _wholeConfidence && _confidence2[bp] > _wholeConfidence;
            if (valid)
            {
                bestSum = _confidence1[bp] + _confidence2[bp];
                best = new SplitResult(
                    _estimate1[bp], _delay1[bp], _confidence1[bp], _estimate2[bp], _delay2[bp], _confidence2[bp], _breakPoints[bp]);
            }
        }

        return best;
    }

    /// <summary>Fine delay of [start, break point) for every break point, windows marching forward.</summary>
    private void AlignFirstParts()
    {
        Array.Fill(_confidence1, Pending, 0, _count);
        int block = _inputs.Rate.BlockSize;
        for (int first = FirstPending(); first >= 0; first = FirstPending())
        {
            int estimate = _estimate1[first];
            _inputs.Histogram.Clear();
            int startRef = _start * block;
            int startDeg = startRef + estimate;
            if (startDeg < 0)
            {
                startRef = -estimate;
                startDeg = 0;
            }

            for (int bp = first; bp < _count; bp++)
            {
                if (bp != first && (_estimate1[bp] != estimate || _confidence1[bp] > Pending))
                {
                    continue;
                }

                MarchForward(ref startRef, ref startDeg, _breakPoints[bp] * block);
                (int lag, _confidence1[bp]) = _inputs.Histogram.Peak();
                _delay1[bp] = estimate + lag;
            }
        }
    }

    /// <summary>Fine delay of [break point, end) where the first part beat the whole, windows marching backward.</summary>
    private void AlignSecondParts()
    {
        for (int bp = 0; bp < _count; bp++)
        {
            _confidence2[bp] = _confidence1[bp] > _wholeConfidence ? Pending : 0;
        }

        int block = _inputs.Rate.BlockSize;
        int n = _inputs.Rate.AlignFftLength;
        int degLength = _inputs.Degraded.Length;
        for (int last = LastPending(); last >= 0; last = LastPending())
        {
            int estimate = _estimate2[last];
            _inputs.Histogram.Clear();
            int startRef = (_end * block) - n;
            int startDeg = startRef + estimate;
            if (startDeg + n > degLength)
            {
                startDeg = degLength - n;
                startRef = startDeg - estimate;
            }

            for (int bp = last; bp >= 0; bp--)
            {
                if (bp != last && (_estimate2[bp] != estimate || _confidence2[bp] > Pending))
                {
                    continue;
                }

                MarchBackward(ref startRef, ref startDeg, _breakPoints[bp] * block);
                (int lag, _confidence2[bp]) = _inputs.Histogram.Peak();
                _delay2[bp] = estimate + lag;
            }
        }
    }

    private void MarchForward(ref int startRef, ref int startDeg, int refLimit)
    {
        int n = _inputs.Rate.AlignFftLength;
        while (startDeg + n <= _inputs.Degraded.Length && startRef + n <= refLimit)
        {
            AddWindow(startRef, startDeg);
            startRef += n / 4;
            startDeg += n / 4;
        }
    }

    private void MarchBackward(ref int startRef, ref int startDeg, int refLimit)
    {
        int n = _inputs.Rate.AlignFftLength;
        while (startDeg >= 0 && startRef >= refLimit)
        {
            AddWindow(startRef, startDeg);
            startRef -= n / 4;
            startDeg -= n / 4;
        }
    }

    private void AddWindow(int startRef, int startDeg)
    {
        double threshold = _inputs.Correlator.Correlate(_inputs.Reference.Data, startRef, _inputs.Degraded.Data, startDeg);
        _inputs.Histogram.Add(_inputs.Correlator.Magnitudes, threshold);
    }

    private int FirstPending() => Array.FindIndex(_confidence1, 0, _count, c => c <= Pending);

    private int LastPending() => Array.FindLastIndex(_confidence2, _count - 1, _count, c => c <= Pending);
}
