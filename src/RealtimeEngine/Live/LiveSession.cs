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
        double suggestedLatency = _options.SuggestedLatencySeconds;
        foreach (var (device, direction) in new[] { (_input, StreamDirection.Input), (_output, StreamDirection.Output) })
        {
            string? problem = _portAudio.CheckFormat(device, direction, _options.SampleRate, suggestedLatency);
            if (problem is not null)
            {
                throw new PortAudioException($"{direction.ToString().ToLowerInvariant()} device {device} cannot do {_options.SampleRate} Hz mono float32: {problem}");
            }
        }

        engine.WarmUp(blocks: 300);
        GCHandle self = GCHandle.Alloc(engine);
        void* user = (void*)GCHandle.ToIntPtr(self);
        PortAudioStream? input = null;
        PortAudioStream? output = null;
        GCLatencyMode previousMode = GCSettings.LatencyMode;
        Thread? engineThread = null;
        TelemetryAggregator? aggregator = null;
        string reason = "stopped";
        string? fault = null;
        var clock = Stopwatch.StartNew();
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        StreamLatency inLatency = default, outLatency = default;
        try
        {
            input = PortAudioStream.Open(_input, StreamDirection.Input, _options.SampleRate, _options.BlockFrames, suggestedLatency, LiveCallbacks.Input, user);
            output = PortAudioStream.Open(_output, StreamDirection.Output, _options.SampleRate, _options.BlockFrames, suggestedLatency, LiveCallbacks.Output, user);
            PortAudioException.Check(PortAudioNative.Pa_SetStreamFinishedCallback(input.Handle.DangerousGetHandle(), LiveCallbacks.InputFinished), "Pa_SetStreamFinishedCallback");
            PortAudioException.Check(PortAudioNative.Pa_SetStreamFinishedCallback(output.Handle.DangerousGetHandle(), LiveCallbacks.OutputFinished), "Pa_SetStreamFinishedCallback");

            if (_options.Realtime)
            {
                bool inRt = input.RequestRealtimeCallbackThread();
                bool outRt = output.RequestRealtimeCallbackThread();
                Log.Debug("SCHED_FIFO requested for PortAudio's callback threads: input {In}, output {Out} (ALSA only)", inRt, outRt);
            }

            aggregator = new TelemetryAggregator(telemetry, display, TimeSpan.FromMilliseconds(250));
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
            engineThread = new Thread(() => EngineLoop(engine)) { IsBackground = true, Name = "rtdenoise-engine", Priority = ThreadPriority.Highest };
            engineThread.Start();
            output.Start();
            input.Start();
            clock.Restart();
            cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            inLatency = input.Latency();
            outLatency = output.Latency();
            DeclaredLatencyMilliseconds = engine.AlgorithmicLatencyMilliseconds + ((inLatency.InputSeconds + outLatency.OutputSeconds) * 1000) + (_options.TargetFillFrames * 1000.0 / _options.SampleRate);
            Log.Information(
                "streaming {Rate} Hz, {Block} frames: input {In} ({InLat:F1} ms), output {Out} ({OutLat:F1} ms), algorithm {Alg:F2} ms",
                _options.SampleRate,
                _options.BlockFrames,
                _input,
                inLatency.InputSeconds * 1000,
                _output,
                outLatency.OutputSeconds * 1000,
                engine.AlgorithmicLatencyMilliseconds);

            (reason, fault) = Watch(engine, input, output, duration, cancel, clock);
            Log.Debug("run ends at {Seconds:F3} s: {Reason} {Fault}", clock.Elapsed.TotalSeconds, reason, fault);
        }
        finally
        {
            _stopEngine = true;
            engineThread?.Join(TimeSpan.FromSeconds(1));
            GCSettings.LatencyMode = previousMode;
            bool clean = Teardown(input, output, fault is not null);
            Log.Debug("streams {State} at {Seconds:F3} s", clean ? "closed" : "abandoned", clock.Elapsed.TotalSeconds);
            Abandoned = !clean;
            if (clean)
            {
                self.Free(); // callbacks can no longer run
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds / Math.Max(seconds, 1e-9) * 100;
        telemetry.Complete();
        TelemetrySnapshot stats = aggregator.Stop();
        aggregator.Dispose();
        var x = engine.Xruns;
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
            inLatency.InputSeconds * 1000,
            outLatency.OutputSeconds * 1000,
            _options.TargetFillFrames * 1000.0 / _options.SampleRate,
            cpu,
            stats.Dropped,
            _engineScheduling ?? "engine thread not started",
            reason,
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
            if ((int)now.TotalSeconds != (int)(now - PollInterval).TotalSeconds)
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
