namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The fine alignment of P.862: a histogram over lags of the cross-correlation peaks of successive
/// windows, each peak weighted by its height to the power 0.125, smoothed with a triangular kernel of 1/64 of the
/// window length. The highest smoothed bin is the delay correction; its share of the total weight the confidence.
/// </summary>
internal sealed class DelayHistogram
{
    private readonly double[] _hits;
    private readonly double[] _smoothed;
    private readonly int _kernel;
    private double _total;

    public DelayHistogram(int length)
    {
        _hits = new double[length];
        _smoothed = new double[length];
        _kernel = length / 64;
    }

    public void Clear()
    {
        Array.Clear(_hits);
        _total = 0;
    }

    /// <summary>Adds one window: every lag whose |correlation| exceeds <paramref name="threshold"/> gets threshold^0.125.</summary>
    public void Add(ReadOnlySpan<double> magnitudes, double threshold)
    {
        double weight = (float)Math.Pow(threshold, 0.125);
        for (int lag = 0; lag < _hits.Length; lag++)
        {
            if (magnitudes[lag] > threshold)
            {
                _hits[lag] += weight;
                _total += weight;
            }
        }
    }

    /// <summary>The best lag (in samples, negative for lags past half the window) and its confidence.</summary>
    public (int Lag, double Confidence) Peak()
    {
        int n = _hits.Length;
        for (int i = 0; i < n; i++)
        {
            double sum = _hits[i];
            for (int k = 1; k < _kernel; k++)
            {
                double w = 1.0 - (k / (double)_kernel);
                sum += w * (_hits[(i - k + n) % n] + _hits[(i + k) % n]);
            }

            _smoothed[i] = sum;
        }

        double best = 0;
        int lag = 0;
        for (int i = 0; i < n; i++)
        {
            if (_smoothed[i] > best)
            {
                best = _smoothed[i];
                lag = i;
            }
        }

        if (lag >= n / 2)
        {
            lag -= n;
        }

        return (lag, _total > 0 ? best / _total : 0);
    }
}
