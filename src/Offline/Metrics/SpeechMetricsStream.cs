using RtDenoise.Offline.Metrics.Signals;
namespace RtDenoise.Offline.Metrics;

/// <summary>
/// STOI, ESTOI and SI-SDR of a clean/processed pair fed block by block, in memory that does not grow with the
/// signals' length: both are read twice, because silent-frame removal needs the loudest clean frame of the whole
/// signal before it can keep or drop the first one, and SI-SDR needs α before its error sum.
/// <code>
///   pass 1   clean ─► 10 kHz ─► frames ─► loudest E          both ─► ‖s‖², ⟨ŝ,s⟩, finite check
///   pass 2   both  ─► 10 kHz ─► frames ─► keep? ─► overlap-add ─► frames ─► band envelopes ─► 30-frame segments
///                                                                          ─► Σ STOI d_km, Σ ESTOI d_m
///            both ─► ‖α·s‖², ‖α·s − ŝ‖²
/// </code>
/// Every stage is the one the whole-signal functions use (<see cref="SpeechMetrics"/>, <see cref="Stoi"/> and
/// <see cref="Estoi"/> run through this class), so the streamed result is theirs. Call <see cref="AddFirstPass"/> with
/// every block, then <see cref="AddSecondPass"/> with the same blocks, then <see cref="Finish"/>.
/// </summary>
public sealed class SpeechMetricsStream
{
    private const int Chunk = 1024;
    private readonly int _sampleRate;
    private readonly bool _withSiSdr;
    private readonly SiSdrAccumulator _siSdr = new();
    private readonly double[] _window = StoiConstants.AnalysisWindow();
    private readonly double[] _cleanFrame = new double[StoiConstants.FrameLength];
    private readonly double[] _processedFrame = new double[StoiConstants.FrameLength];
    private readonly double[] _cleanHalf = new double[StoiConstants.Hop];
    private readonly double[] _processedHalf = new double[StoiConstants.Hop];
    private readonly double[] _cleanBands = new double[StoiConstants.Bands];
    private readonly double[] _processedBands = new double[StoiConstants.Bands];
    private readonly double[] _cleanChunk = new double[Chunk];
    private readonly double[] _processedChunk = new double[Chunk];
    private readonly StoiBandEnvelopes _cleanEnvelopes = new();
    private readonly StoiBandEnvelopes _processedEnvelopes = new();
    private readonly StoiSegmentScorer _scorer = new();
    private Stage _first;
    private Stage? _second;
    private double _loudestDb = double.NegativeInfinity;
    private long _firstPassLength;
    private long _secondPassLength;
    private bool _finished;

    /// <param name="sampleRate">The signals' rate, Hz.</param>
    /// <param name="withSiSdr">False to skip SI-SDR (and its refusal of an all-zero clean signal).</param>
    public SpeechMetricsStream(int sampleRate, bool withSiSdr = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _sampleRate = sampleRate;
        _withSiSdr = withSiSdr;
        _first = new Stage(sampleRate, withProcessed: false);
    }

    /// <summary>The whole-signal form: both passes over two equal-length signals.</summary>
    /// <exception cref="SignalLengthMismatchException">The lengths differ.</exception>
    /// <exception cref="NonFiniteSampleException">A sample is NaN or infinite.</exception>
    public static SpeechMetricsResult Run(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate, bool withSiSdr = true)
    {
        MetricInputs.Validate(clean, processed, sampleRate);
        var stream = new SpeechMetricsStream(sampleRate, withSiSdr);
        stream.AddFirstPass(clean, processed);
        stream.AddSecondPass(clean, processed);
        return stream.Finish();
    }

    /// <summary>First pass: the next block of both signals (equal lengths).</summary>
    /// <exception cref="NonFiniteSampleException">A sample is NaN or infinite (its index counts from the start).</exception>
    public void AddFirstPass(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        if (_second is not null)
        {
            throw new InvalidOperationException("the second pass has begun.");
        }

        CheckBlock(clean, processed);
        ThrowIfNonFinite(clean, "clean", _firstPassLength);
        ThrowIfNonFinite(processed, "processed", _firstPassLength);
        _firstPassLength += clean.Length;
        if (_withSiSdr)
        {
            _siSdr.AddFirstPass(clean, processed);
        }

        _first.Write(clean, []);
        DrainFirst();
    }

    /// <summary>Second pass: the same blocks again, in the same order.</summary>
    public void AddSecondPass(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        CheckBlock(clean, processed);
        _second ??= StartSecondPass();
        _secondPassLength += clean.Length;
        if (_secondPassLength > _firstPassLength)
        {
            throw new InvalidOperationException("the second pass is longer than the first.");
        }

        if (_withSiSdr)
        {
            _siSdr.AddSecondPass(clean, processed);
        }

        _second.Write(clean, processed);
        DrainSecond(_second);
    }

    /// <summary>Ends the second pass and returns STOI, ESTOI, SI-SDR (NaN when not asked for) and the reference's
    /// "too short" warning.</summary>
    public SpeechMetricsResult Finish()
    {
        if (_finished)
        {
            throw new InvalidOperationException("the metrics are already finished.");
        }

        _second ??= StartSecondPass();
        if (_secondPassLength != _firstPassLength)
        {
            throw new InvalidOperationException($"the second pass had {_secondPassLength} samples, the first {_firstPassLength}.");
        }

        _finished = true;
        _second.Complete();
        DrainSecond(_second);
        _second.CleanReduced.Write(_second.CleanOverlap.Tail);
        _second.ProcessedReduced.Write(_second.ProcessedOverlap.Tail);
        ScoreReducedFrames(_second);
        string? warning = _scorer.Segments > 0 ? null : MetricInputs.TooShortWarning(_scorer.Frames);
        double siSdr = _withSiSdr ? _siSdr.Result() : double.NaN;
        return new SpeechMetricsResult(_scorer.Stoi, _scorer.Estoi, siSdr, warning);
    }

    private Stage StartSecondPass()
    {
        _first.Complete();
        DrainFirst();
        if (_withSiSdr)
        {
            _siSdr.StartSecondPass();
        }

        return new Stage(_sampleRate, withProcessed: true);
    }

    private void DrainFirst()
    {
        _first.Pump(_cleanChunk, _processedChunk);
        while (_first.CleanFrames.TryTake(_cleanFrame))
        {
            _loudestDb = Math.Max(_loudestDb, SilentFrameRemoval.FrameEnergyDb(_cleanFrame, _window));
        }
    }

    private void DrainSecond(Stage s)
    {
        s.Pump(_cleanChunk, _processedChunk);
        while (s.CleanFrames.TryTake(_cleanFrame) && s.ProcessedFrames.TryTake(_processedFrame))
        {
            if (!SilentFrameRemoval.IsKept(_loudestDb, SilentFrameRemoval.FrameEnergyDb(_cleanFrame, _window)))
            {
                continue;
            }

            s.CleanOverlap.Add(_cleanFrame, _cleanHalf);
            s.ProcessedOverlap.Add(_processedFrame, _processedHalf);
            s.CleanReduced.Write(_cleanHalf);
            s.ProcessedReduced.Write(_processedHalf);
            ScoreReducedFrames(s);
        }
    }

    private void ScoreReducedFrames(Stage s)
    {
        while (s.CleanReduced.TryTake(_cleanFrame) && s.ProcessedReduced.TryTake(_processedFrame))
        {
            _cleanEnvelopes.Compute(_cleanFrame, _cleanBands);
            _processedEnvelopes.Compute(_processedFrame, _processedBands);
            _scorer.Add(_cleanBands, _processedBands);
        }
    }

    private static void CheckBlock(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        if (clean.Length != processed.Length)
        {
            throw new ArgumentException($"blocks differ in length: {clean.Length} clean, {processed.Length} processed samples.");
        }
    }

    private static void ThrowIfNonFinite(ReadOnlySpan<double> block, string name, long offset)
    {
        for (int i = 0; i < block.Length; i++)
        {
            if (!double.IsFinite(block[i]))
            {
                throw new NonFiniteSampleException(name, offset + i, block[i]);
            }
        }
    }

    /// <summary>One pass's state: the 10 kHz resamplers (none when the signals already are at 10 kHz), the framers
    /// of the 10 kHz signals, the overlap-add of kept frames and the framers of the reduced signals.</summary>
    private sealed class Stage(int sampleRate, bool withProcessed)
    {
        private readonly PolyphaseStream? _clean = MetricResampler.CreateStream(sampleRate, MetricResampler.StoiRate);
        private readonly PolyphaseStream? _processed = withProcessed ? MetricResampler.CreateStream(sampleRate, MetricResampler.StoiRate) : null;

        public StoiFramer CleanFrames { get; } = new();

        public StoiFramer ProcessedFrames { get; } = new();

        public KeptFrameOverlapAdd CleanOverlap { get; } = new();

        public KeptFrameOverlapAdd ProcessedOverlap { get; } = new();

        public StoiFramer CleanReduced { get; } = new();

        public StoiFramer ProcessedReduced { get; } = new();

        /// <summary>Takes a block at the input rate; its 10 kHz samples go to the framers (now, or from
        /// <see cref="Pump"/> once the resampler has them).</summary>
        public void Write(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
        {
            if (_clean is null)
            {
                CleanFrames.Write(clean);
                if (withProcessed)
                {
                    ProcessedFrames.Write(processed);
                }

                return;
            }

            _clean.Write(clean);
            _processed?.Write(processed);
        }

        public void Complete()
        {
            _clean?.Complete();
            _processed?.Complete();
        }

        /// <summary>Moves every 10 kHz sample the resamplers can give into the framers.</summary>
        public void Pump(double[] cleanScratch, double[] processedScratch)
        {
            if (_clean is null)
            {
                return;
            }

            int n;
            while ((n = _clean.Read(cleanScratch)) > 0)
            {
                CleanFrames.Write(cleanScratch.AsSpan(0, n));
                if (_processed is not null)
                {
                    // Same filter, same input count: the two streams always have the same outputs ready.
                    if (_processed.Read(processedScratch.AsSpan(0, n)) != n)
                    {
                        throw new InvalidOperationException("the two resamplers fell out of step.");
                    }

                    ProcessedFrames.Write(processedScratch.AsSpan(0, n));
                }
            }
        }
    }
}
