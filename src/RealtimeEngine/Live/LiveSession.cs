using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.PortAudio;
using Serilog;

namespace RtDenoise.Engine.Live;

/// <summary>
/// Runs a <see cref="LiveEngine"/> between two one-way PortAudio streams until the duration ends, the token is
/// cancelled (Ctrl-C, SIGTERM) or a device fails. Three kinds of thread:
/// <list type="bullet">
/// <item>PortAudio's callback threads (one per stream): <see cref="LiveCallbacks"/>, copy only;</item>
/// <item>the engine thread: <see cref="LiveEngine.Step"/> until nothing is left, then <c>Thread.Sleep(1)</c>;</item>
/// <item>the calling (control) thread: a 20 ms watchdog over stream state and callback progress, then teardown.</item>
/// </list>
/// Idle policy of the engine thread: a hop of input arrives every block (10 ms by default); sleeping 1 ms (≈1.1 ms
/// on Linux) when the input ring is empty adds at most that much latency and costs ~1000 wake-ups/s of almost no
/// CPU. Spinning would burn a core on these 2-core machines, and waking the engine from the input callback (a
/// semaphore) would put a futex system call on the audio thread.
/// </summary>
public sealed class LiveSession
{
    /// <summary>A running stream whose callbacks stop for this long is treated as a lost device.</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromMilliseconds(750);

    /// <summary>PortAudio's first input callback through the pulse plugin can take 1.7 s after start.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromMilliseconds(1000);
    private static readonly TimeSpan FaultStopDeadline = TimeSpan.FromMilliseconds(500);

    private readonly PortAudioLibrary _portAudio;
    private readonly DeviceSelection _input;
    private readonly DeviceSelection _output;
    private readonly LiveEngineOptions _options;
    private volatile bool _stopEngine;
    private volatile string? _engineFault;
    private volatile string? _engineScheduling;

    public LiveSession(PortAudioLibrary portAudio, DeviceSelection input, DeviceSelection output, LiveEngineOptions options)
    {
        _portAudio = portAudio;
        _input = input;
        _output = output;
        _options = options;
    }

    /// <summary>
    /// Ends the run with <paramref name="message"/> as its fault (any thread; e.g. a device watch of the sound
    /// server). The control thread notices within one poll interval.
    /// </summary>
    public void ReportFault(string message) => _engineFault ??= message;

    /// <summary>Declared end-to-end latency (ms) once the streams run; 0 before (read by the live display).</summary>
    public double DeclaredLatencyMilliseconds { get; private set; }

    /// <summary>Set when teardown missed its deadline: PortAudio must not be terminated (the caller should exit).</summary>
    public bool Abandoned { get; private set; }

    /// <summary>
    /// Streams until done. <paramref name="processor"/> (configured for the session's rate and block) is owned by the
    /// session from here on (null in bypass).
    /// </summary>
    public unsafe LiveRunResult Run(IAudioProcessor? processor, TimeSpan? duration, CancellationToken cancel, Action<TelemetrySnapshot>? display)
    {
        var telemetry = new TelemetryChannel();
        using var engine = new LiveEngine(processor, _options, telemetry);
        CheckFormats();
        engine.WarmUp(blocks: 300);
        GCHandle self = GCHandle.Alloc(engine);
        GCLatencyMode previousMode = GCSettings.LatencyMode;
        var run = new RunState();
        try
        {
            StartStreams(run, engine, telemetry, display, (void*)GCHandle.ToIntPtr(self));
            (run.Reason, run.Fault) = Watch(engine, run.Input!, run.Output!, duration, cancel, run.Clock);
            Log.Debug("run ends at {Seconds:F3} s: {Reason} {Fault}", run.Clock.Elapsed.TotalSeconds, run.Reason, run.Fault);
        }
        finally
        {
            StopStreams(run, self, previousMode);
        }

        return Summarise(run, engine, telemetry);
    }

    /// <summary>Refuses, before anything is opened, a device that cannot do the session's rate in mono float32.</summary>
    private void CheckFormats()
    {
        foreach (var (device, direction) in new[] { (_input, StreamDirection.Input), (_output, StreamDirection.Output) })
        {
            string? problem = _portAudio.CheckFormat(device, direction, _options.SampleRate, _options.SuggestedLatencySeconds);
            if (problem is not null)
            {
                throw new PortAudioException($"{direction.ToString().ToLowerInvariant()} device {device} cannot do {_options.SampleRate} Hz mono float32: {problem}");
            }
        }
    }

    /// <summary>
    /// Opens both streams (recorded in <paramref name="run"/> as soon as each exists, so teardown closes whatever
    /// opened), starts the telemetry aggregator and the engine thread, then output before input (the output ring is
    /// primed first), and computes the declared latency from what the streams report.
    /// </summary>
    private unsafe void StartStreams(RunState run, LiveEngine engine, TelemetryChannel telemetry, Action<TelemetrySnapshot>? display, void* user)
    {
        double suggestedLatency = _options.SuggestedLatencySeconds;
        run.Input = PortAudioStream.Open(_input, StreamDirection.Input, _options.SampleRate, _options.BlockFrames, suggestedLatency, LiveCallbacks.Input, user);
        run.Output = PortAudioStream.Open(_output, StreamDirection.Output, _options.SampleRate, _options.BlockFrames, suggestedLatency, LiveCallbacks.Output, user);
        PortAudioStream input = run.Input, output = run.Output;
        PortAudioException.Check(PortAudioNative.Pa_SetStreamFinishedCallback(input.Handle.DangerousGetHandle(), LiveCallbacks.InputFinished), "Pa_SetStreamFinishedCallback");
        PortAudioException.Check(PortAudioNative.Pa_SetStreamFinishedCallback(output.Handle.DangerousGetHandle(), LiveCallbacks.OutputFinished), "Pa_SetStreamFinishedCallback");

        if (_options.Realtime)
        {
            bool inRt = input.RequestRealtimeCallbackThread();
            bool outRt = output.RequestRealtimeCallbackThread();
            Log.Debug("SCHED_FIFO requested for PortAudio's callback threads: input {In}, output {Out} (ALSA only)", inRt, outRt);
        }

        run.Aggregator = new TelemetryAggregator(telemetry, display, TimeSpan.FromMilliseconds(250));
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        run.EngineThread = new Thread(() => EngineLoop(engine)) { IsBackground = true, Name = "rtdenoise-engine", Priority = ThreadPriority.Highest };
        run.EngineThread.Start();
        output.Start();
        input.Start();
        run.Clock.Restart();
        run.CpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        run.InLatency = input.Latency();
        run.OutLatency = output.Latency();
        DeclaredLatencyMilliseconds = engine.AlgorithmicLatencyMilliseconds + ((run.InLatency.InputSeconds + run.OutLatency.OutputSeconds) * 1000) + (_options.TargetFillFrames * 1000.0 / _options.SampleRate);
        Log.Information(
            "streaming {Rate} Hz, {Block} frames: input {In} ({InLat:F1} ms), output {Out} ({OutLat:F1} ms), algorithm {Alg:F2} ms",
            _options.SampleRate,
            _options.BlockFrames,
            _input,
            run.InLatency.InputSeconds * 1000,
            _output,
            run.OutLatency.OutputSeconds * 1000,
            engine.AlgorithmicLatencyMilliseconds);
    }

    /// <summary>Stops the engine thread, restores the GC mode and closes the streams; frees the engine's handle only
    /// when the streams are really closed (an abandoned stream's callback may still run).</summary>
    private void StopStreams(RunState run, GCHandle self, GCLatencyMode previousMode)
    {
        _stopEngine = true;
        run.EngineThread?.Join(TimeSpan.FromSeconds(1));
        GCSettings.LatencyMode = previousMode;
        bool clean = Teardown(run.Input, run.Output, run.Fault is not null);
        Log.Debug("streams {State} at {Seconds:F3} s", clean ? "closed" : "abandoned", run.Clock.Elapsed.TotalSeconds);
        Abandoned = !clean;
        if (clean)
        {
            self.Free(); // callbacks can no longer run
        }
    }

    /// <summary>The run's figures: duration, CPU, xruns, hop-time percentiles from the telemetry, latencies, the end.</summary>
    private LiveRunResult Summarise(RunState run, LiveEngine engine, TelemetryChannel telemetry)
    {
        double seconds = run.Clock.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - run.CpuStart).TotalSeconds / Math.Max(seconds, 1e-9) * 100;
        telemetry.Complete();
        TelemetryAggregator aggregator = run.Aggregator!; // set by StartStreams, which completed to get here
        TelemetrySnapshot stats = aggregator.Stop();
        aggregator.Dispose();
        var x = engine.Xruns;
        string? fault = run.Fault;
        if (Abandoned)
        {
            fault ??= "PortAudio did not stop the streams";
            fault += $"; Pa_StopStream/Pa_CloseStream did not return within {StopDeadline.TotalSeconds:F1} s, streams abandoned";
        }

        return new LiveRunResult(
            seconds,
            x.Total,
            x.InputRingOverflowCount,
            x.OutputRingUnderrunCount,
            x.OutputRingOverflowCount,
            x.DeviceFlagCount,
            x.DeviceFlagDetail,
            x.DriftResyncCount,
            engine.Hops,
            stats.HopP50Microseconds,
            stats.HopP99Microseconds,
            stats.HopMaxMicroseconds,
            engine.AlgorithmicLatencyMilliseconds,
            run.InLatency.InputSeconds * 1000,
            run.OutLatency.OutputSeconds * 1000,
            _options.TargetFillFrames * 1000.0 / _options.SampleRate,
            cpu,
            stats.Dropped,
            _engineScheduling ?? "engine thread not started",
            run.Reason,
            fault,
            Abandoned)
        {
            SanitisedSamples = engine.SanitisedSamples,
            StateResets = engine.StateResets,
        };
    }

    private (string Reason, string? Fault) Watch(LiveEngine engine, PortAudioStream input, PortAudioStream output, TimeSpan? duration, CancellationToken cancel, Stopwatch clock)
    {
        var inWatch = new ProgressWatch("input", _input);
        var outWatch = new ProgressWatch("output", _output);
        while (true)
        {
            if (cancel.WaitHandle.WaitOne(PollInterval))
            {
                return ("interrupted", null);
            }

            TimeSpan now = clock.Elapsed;
            // Checked first: the arguments would be boxed (garbage every second) even when verbose logging is off.
            if ((int)now.TotalSeconds != (int)(now - PollInterval).TotalSeconds && Log.IsEnabled(Serilog.Events.LogEventLevel.Verbose))
            {
                Log.Verbose("t={T:F1}s callbacks in {In} out {Out}, out underflow flags {Uf}, ring B {Fill}", now.TotalSeconds, engine.InputCallbacks, engine.OutputCallbacks, engine.Xruns.DeviceFlagCount, engine.OutputRing.Count);
            }

            if (duration is { } d && now >= d)
            {
                return ("duration", null);
            }

            if (_engineFault is { } engineFault)
            {
                return ("fault", engineFault);
            }

            string? problem = StreamProblem(engine, input, StreamDirection.Input) ?? StreamProblem(engine, output, StreamDirection.Output)
                ?? inWatch.Check(engine.InputCallbacks, now) ?? outWatch.Check(engine.OutputCallbacks, now);
            if (problem is not null)
            {
                return ("fault", problem);
            }
        }
    }

    /// <summary>
    /// Only flags are read here. Pa_IsStreamActive is deliberately not polled: in PortAudio's ALSA host API it takes
    /// the stream's state mutex, which the ALSA thread holds while it tries to recover a vanished pulse device
    /// (measured: the watchdog blocked for ~20 s after `pactl unload-module` of the output sink).
    /// </summary>
    private static string? StreamProblem(LiveEngine engine, PortAudioStream stream, StreamDirection direction)
    {
        return engine.IsStreamFinished(direction)
            ? $"{direction.ToString().ToLowerInvariant()} stream of {stream.Device} stopped by itself (device error or device removed)"
            : null;
    }

    private void EngineLoop(LiveEngine engine)
    {
        if (_options.Realtime)
        {
            string? whyNot = RealtimeScheduling.TryRaiseCurrentThread(RealtimeScheduling.EnginePriority);
            _engineScheduling = whyNot is null ? $"SCHED_FIFO priority {RealtimeScheduling.EnginePriority}" : $"in ordinary scheduling ({whyNot})";
        }
        else
        {
            _engineScheduling = "in ordinary scheduling (--no-realtime)";
        }

        try
        {
            while (!_stopEngine)
            {
                bool worked = false;
                while (engine.Step())
                {
                    worked = true;
                }

                if (!worked)
                {
                    Thread.Sleep(1);
                }
            }
        }
        catch (Exception ex)
        {
            // Abnormal path only: the control thread reports it and ends the run.
            _engineFault = $"engine thread failed: {ex.Message}";
        }
    }

    /// <summary>Stops and closes both streams under deadlines; false when PortAudio hung (streams abandoned).</summary>
    private static bool Teardown(PortAudioStream? input, PortAudioStream? output, bool faulted)
    {
        // After a fault, abort (drop pending buffers) rather than stop (drain them to a device that may be gone).
        TimeSpan deadline = faulted ? FaultStopDeadline : StopDeadline;
        bool stopped = GuardedCall.Run(
            "stop",
            () =>
            {
                if (faulted)
                {
                    _ = input?.Abort();
                    _ = output?.Abort();
                }
                else
                {
                    _ = input?.Stop();
                    _ = output?.Stop();
                }
            },
            deadline);
        // A stop that missed its deadline is blocked inside the host API (typically on the stream's state mutex
        // held by a wedged ALSA thread); an abort would block on the same mutex, so the streams are abandoned.
        bool closed = stopped && GuardedCall.Run(
            "close",
            () =>
            {
                input?.Close();
                output?.Close();
            },
            FaultStopDeadline);
        if (!closed)
        {
            input?.Abandon();
            output?.Abandon();
        }

        return closed;
    }

    /// <summary>What one run opened and measured, shared by its start, stop and summary steps.</summary>
    private sealed class RunState
    {
        public PortAudioStream? Input { get; set; }

        public PortAudioStream? Output { get; set; }

        public Thread? EngineThread { get; set; }

        public TelemetryAggregator? Aggregator { get; set; }

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public TimeSpan CpuStart { get; set; } = Process.GetCurrentProcess().TotalProcessorTime;

        public StreamLatency InLatency { get; set; }

        public StreamLatency OutLatency { get; set; }

        public string Reason { get; set; } = "stopped";

        public string? Fault { get; set; }
    }

    /// <summary>Callback-progress watchdog for one stream.</summary>
    internal sealed class ProgressWatch(string what, DeviceSelection device)
    {
        private const int SteadyCallbacks = 20;
        private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(3);

        private long _lastCount;
        private TimeSpan _lastChange;
        private bool _steady;

        public string? Check(long count, TimeSpan now)
        {
            if (count != _lastCount)
            {
                _lastCount = count;
                _lastChange = now;

                // Steady once callbacks still arrive after the grace period (and after the priming burst).
                _steady |= count >= SteadyCallbacks && now >= StartupGrace;
                return null;
            }

            // Start-up is irregular: an output stream gets a burst of priming callbacks, then none until the
            // pulse plugin really starts (like the first input callback, up to ~1.7 s later; a 750 ms gap after
            // 20+ priming callbacks was seen, and on a loaded machine that gap ran past the 3 s grace: a run
            // failed "stopped delivering callbacks" at 3.0 s). So the stall rule applies only to a stream seen
            // progressing after the grace period; until then the start-up timeout is the rule.
            if (!_steady)
            {
                return now > StartupTimeout ? $"{what} device {device} delivered only {count} callbacks within {StartupTimeout.TotalSeconds:F0} s of starting" : null;
            }

            return now - _lastChange > StallTimeout
                ? $"{what} device {device} stopped delivering callbacks for {StallTimeout.TotalMilliseconds:F0} ms (device removed or server gone)"
                : null;
        }
    }
}
