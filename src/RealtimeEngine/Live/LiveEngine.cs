using System.Diagnostics;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.PortAudio;

namespace RtDenoise.Engine.Live;

/// <summary>
/// The device-independent core of live denoising:
/// <code>
///   input callback ──OnInput──► ring A ──Step() on the engine thread: IAudioProcessor.Process──► ring B ──OnOutput──► output callback
///                    └────────► dry ring (passthrough policy only) ─────────────────────────────┘
/// </code>
/// <see cref="OnInput"/> and <see cref="OnOutput"/> only copy and count; <see cref="Step"/> runs the processor on
/// whatever is available (at most one block per hop) and posts a <see cref="HopTelemetry"/>. None of them allocates,
/// locks, logs or waits (the telemetry channel's TryWrite takes its short internal lock, on the engine thread only,
/// never on a callback). Tests drive the three methods directly, without devices.
/// </summary>
public sealed class LiveEngine : IDisposable
{
    private readonly IAudioProcessor? _processor;
    private readonly LiveEngineOptions _options;
    private readonly float[] _hopIn;
    private readonly float[] _hopOut;
    private readonly TelemetryChannel? _telemetry;
    private readonly SpscFloatRing? _dry;
    private bool _priming = true; // output-callback-owned, as are the two window fields
    private int _windowMinFill = int.MaxValue;
    private int _windowFrames;
    private long _inputCallbacks;
    private long _outputCallbacks;
    private long _hops;
    private long _framesIn;
    private int _inputFinished;
    private int _outputFinished;

    /// <summary>
    /// <paramref name="processor"/> is any processor (the denoiser, a chain), already configured by the caller for
    /// <see cref="LiveEngineOptions.SampleRate"/> and blocks of up to <see cref="LiveEngineOptions.BlockFrames"/>
    /// (configuring allocates, and its errors belong to the caller's input checks, before devices open); the engine
    /// owns it from here on. Null only in bypass.
    /// </summary>
    public LiveEngine(IAudioProcessor? processor, LiveEngineOptions options, TelemetryChannel? telemetry)
    {
        if (processor is null && !options.Bypass)
        {
            throw new ArgumentNullException(nameof(processor), "a processor is required unless Bypass is set.");
        }

        if (options.BlockFrames < 1 || options.RingFrames < 4 * options.BlockFrames)
        {
            throw new ArgumentException("the rings must hold at least four blocks.", nameof(options));
        }

        _processor = options.Bypass ? null : processor;
        _options = options;
        _telemetry = telemetry;
        _hopIn = new float[options.BlockFrames];
        _hopOut = new float[options.BlockFrames];
        InputRing = new SpscFloatRing(SpscFloatRing.CapacityFor(options.RingFrames));
        OutputRing = new SpscFloatRing(SpscFloatRing.CapacityFor(options.RingFrames));
        if (options.Underrun == UnderrunPolicy.Passthrough)
        {
            _dry = new SpscFloatRing(SpscFloatRing.CapacityFor(options.RingFrames));
        }
    }

    public LiveEngineOptions Options => _options;

    public SpscFloatRing InputRing { get; }

    public SpscFloatRing OutputRing { get; }

    public XrunCounters Xruns { get; } = new();

    public long InputCallbacks => Volatile.Read(ref _inputCallbacks);

    public long OutputCallbacks => Volatile.Read(ref _outputCallbacks);

    public long Hops => Volatile.Read(ref _hops);

    /// <summary>The processor's count of sanitised input samples (written by the engine thread; exact once it stopped).</summary>
    public long SanitisedSamples => _processor?.SanitisedSamples ?? 0;

    /// <summary>The processor's count of state resets after a non-finite output (as <see cref="SanitisedSamples"/>).</summary>
    public long StateResets => _processor?.StateResets ?? 0;

    /// <summary>Frames that entered through the input callback.</summary>
    public long FramesIn => Volatile.Read(ref _framesIn);

    /// <summary>True once PortAudio reported the stream finished (device error, or our own stop).</summary>
    public bool IsStreamFinished(StreamDirection direction) =>
        Volatile.Read(ref (direction == StreamDirection.Input ? ref _inputFinished : ref _outputFinished)) != 0;

    /// <summary>PaStreamFinishedCallback: a flag only.</summary>
    public void MarkStreamFinished(StreamDirection direction)
    {
        Volatile.Write(ref (direction == StreamDirection.Input ? ref _inputFinished : ref _outputFinished), 1);
    }

    /// <summary>Algorithmic latency of the processing (0 in bypass), in device frames.</summary>
    public int AlgorithmicLatencyFrames => _processor?.LatencySamples ?? 0;

    public double AlgorithmicLatencyMilliseconds => 1000.0 * AlgorithmicLatencyFrames / _options.SampleRate;

    /// <summary>Input callback: copy into ring A (and the dry ring); count what did not fit and the device's flags.</summary>
    public void OnInput(ReadOnlySpan<float> samples, ulong statusFlags)
    {
        if ((statusFlags & PortAudioNative.PaInputOverflow) != 0)
        {
            XrunCounters.Increment(ref Xruns.InputOverflowFlags);
        }

        if ((statusFlags & PortAudioNative.PaInputUnderflow) != 0)
        {
            XrunCounters.Increment(ref Xruns.InputUnderflowFlags);
        }

        if (InputRing.Write(samples) < samples.Length)
        {
            XrunCounters.Increment(ref Xruns.InputRingOverflows);
        }

        _dry?.Write(samples); // the output callback trims it to one block per call, so it never fills
        Volatile.Write(ref _framesIn, _framesIn + samples.Length);
        Volatile.Write(ref _inputCallbacks, _inputCallbacks + 1);
    }

    /// <summary>
    /// Output callback: play ring B. Until ring B holds one block plus the target fill (start-up, and after every
    /// underrun) it plays the underrun policy instead; above target + block + slack it drops the excess oldest
    /// samples at once, and a surplus that persisted through a whole window is dropped at the window's end, so
    /// latency cannot creep up.
    /// </summary>
    public void OnOutput(Span<float> destination, ulong statusFlags)
    {
        if ((statusFlags & PortAudioNative.PaOutputUnderflow) != 0)
        {
            XrunCounters.Increment(ref Xruns.OutputUnderflowFlags);
        }

        if ((statusFlags & PortAudioNative.PaOutputOverflow) != 0)
        {
            XrunCounters.Increment(ref Xruns.OutputOverflowFlags);
        }

        Volatile.Write(ref _outputCallbacks, _outputCallbacks + 1);
        int n = destination.Length;
        int want = n + _options.TargetFillFrames;
        int available = OutputRing.AvailableToRead();
        if (_priming)
        {
            if (available < want)
            {
                FillGap(destination);
                return;
            }

            _priming = false;
        }

        if (available > want + _options.DriftSlackFrames)
        {
            Resync(available - want);
        }
        else
        {
            // Persistent surplus (left by an input burst after an underrun, or by clock drift): if the fill never
            // fell below want + tolerance during a whole window, the excess is latency nobody needs; drop it.
            _windowMinFill = Math.Min(_windowMinFill, available);
            _windowFrames += n;
            if (_windowFrames >= _options.SurplusWindowFrames)
            {
                if (_windowMinFill - want > _options.SurplusToleranceFrames)
                {
                    Resync(_windowMinFill - want);
                    available = want;
                }

                _windowMinFill = int.MaxValue;
                _windowFrames = 0;
            }
        }

        int got = OutputRing.Read(destination);
        if (got < n)
        {
            XrunCounters.Increment(ref Xruns.OutputRingUnderruns);
            _priming = true;
            FillGap(destination[got..]);
        }
        else
        {
            TrimDry(0);
        }
    }

    /// <summary>
    /// Engine thread: processes up to one block of available input into ring B. Returns false when there was
    /// nothing to do (the caller decides how to wait).
    /// </summary>
    public bool Step()
    {
        int available = InputRing.AvailableToRead();
        if (available == 0)
        {
            return false;
        }

        int n = Math.Min(available, _hopIn.Length);
        Span<float> input = _hopIn.AsSpan(0, n);
        Span<float> output = _hopOut.AsSpan(0, n);
        InputRing.Read(input);
        long start = Stopwatch.GetTimestamp();
        input.CopyTo(output); // processors work in place; the dry input stays for the telemetry's level
        _processor?.Process(output);

        long end = Stopwatch.GetTimestamp();
        if (OutputRing.Write(output) < n)
        {
            XrunCounters.Increment(ref Xruns.OutputRingOverflows);
        }

        Volatile.Write(ref _hops, _hops + 1);
        _telemetry?.Post(new HopTelemetry(end, n, end - start, InputRing.Count, OutputRing.Count, Xruns.Total, Rms(input), Rms(output)));
        return true;
    }

    /// <summary>
    /// Runs the processor over <paramref name="blocks"/> blocks of silence, then resets it: the JIT compiles (and
    /// tiers up) the processing path before the first real hop, which would otherwise take tens of milliseconds.
    /// Call before streaming starts.
    /// </summary>
    public void WarmUp(int blocks)
    {
        if (_processor is null)
        {
            return;
        }

        for (int i = 0; i < blocks; i++)
        {
            Array.Clear(_hopOut);
            _processor.Process(_hopOut);
        }

        _processor.Reset();
    }

    public void Dispose() => _processor?.Dispose();

    private static float Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += v * v;
        }

        return x.Length == 0 ? 0 : (float)Math.Sqrt(sum / x.Length);
    }

    private void Resync(int frames)
    {
        int dropped = OutputRing.Skip(frames);
        XrunCounters.Increment(ref Xruns.DriftResyncs);
        XrunCounters.Add(ref Xruns.DroppedForDriftFrames, dropped);
    }

    private void FillGap(Span<float> gap)
    {
        if (_dry is null)
        {
            gap.Clear();
            return;
        }

        TrimDry(gap.Length);
        int got = _dry.Read(gap);
        gap[got..].Clear();
    }

    /// <summary>Keeps only the newest <paramref name="keep"/> dry samples (the output side is the dry ring's consumer).</summary>
    private void TrimDry(int keep)
    {
        if (_dry is null)
        {
            return;
        }

        int excess = _dry.AvailableToRead() - keep;
        if (excess > 0)
        {
            _dry.Skip(excess);
        }
    }
}
