using RtDenoise.Offline.Metrics.Signals;
namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Scores STOI and ESTOI frame by frame: keeps the last 30 frames of band envelopes (one 384 ms segment) and, from
/// the 30th frame on, adds the segment ending at each new frame to both sums (<see cref="Stoi.SegmentCorrelation"/>
/// per band, <see cref="Estoi.SegmentScore"/> per segment). Memory is one segment, whatever the length.
/// </summary>
/// <remarks>
/// Each band's history is written twice, at j and j + 30 of a 60-value row, so the segment of frames m..m+29 is the
/// contiguous slice starting at m mod 30:
/// <code>
///   row k: [ f30 f31 f2 f3 ... f29 | f30 f31 f2 f3 ... f29 ]   (after frame 31: segment 2..31 starts at 2)
/// </code>
/// </remarks>
internal sealed class StoiSegmentScorer
{
    private const int N = StoiConstants.SegmentFrames;
    private const int Bands = StoiConstants.Bands;
    private readonly double[] _clean = new double[Bands * 2 * N];
    private readonly double[] _processed = new double[Bands * 2 * N];
    private readonly double[] _yPrime = new double[N];
    private readonly double[] _cleanSegment = new double[Bands * N];
    private readonly double[] _processedSegment = new double[Bands * N];
    private GaussianDither _dither = new(Metrics.Estoi.DitherSeed);
    private double _stoiSum;
    private double _estoiSum;

    /// <summary>Frames added so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Segments scored so far (one per frame from the 30th on).</summary>
    public int Segments => Math.Max(0, Frames - N + 1);

    /// <summary>Adds one frame's 15 clean and 15 processed band envelopes.</summary>
    public void Add(ReadOnlySpan<double> cleanBands, ReadOnlySpan<double> processedBands)
    {
        int j = Frames % N;
        for (int k = 0; k < Bands; k++)
        {
            int row = k * 2 * N;
            _clean[row + j] = _clean[row + j + N] = cleanBands[k];
            _processed[row + j] = _processed[row + j + N] = processedBands[k];
        }

        Frames++;
        if (Frames >= N)
        {
            ScoreSegment((Frames - N) % N);
        }
    }

    /// <summary>STOI: the mean of the per-band segment correlations (the reference's 1e-5 without a segment).</summary>
    public double Stoi => Segments > 0 ? _stoiSum / (Segments * (double)Bands) : StoiConstants.TooShortResult;

    /// <summary>ESTOI: the mean of the segment scores (1e-5 without a segment).</summary>
    public double Estoi => Segments > 0 ? _estoiSum / Segments : StoiConstants.TooShortResult;

    private void ScoreSegment(int start)
    {
        for (int k = 0; k < Bands; k++)
        {
            ReadOnlySpan<double> x = _clean.AsSpan((k * 2 * N) + start, N);
            ReadOnlySpan<double> y = _processed.AsSpan((k * 2 * N) + start, N);
            _stoiSum += Metrics.Stoi.SegmentCorrelation(x, y, _yPrime);
            x.CopyTo(_cleanSegment.AsSpan(k * N, N));
            y.CopyTo(_processedSegment.AsSpan(k * N, N));
        }

        _estoiSum += Metrics.Estoi.SegmentScore(_cleanSegment, _processedSegment, ref _dither);
    }
}
