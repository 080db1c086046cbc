using System.CommandLine;
using RtDenoise.Engine.Live;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Options;

namespace RtDenoise.HostApp.Live;

/// <summary>The options `live` and `virtual-mic` share (everything but the output device).</summary>
public sealed class LiveOptions
{
    private readonly ProcessorOptions _processor = new();
    private readonly ChainOptions _chain = new();

    /// <summary>--processor, --model, --atten-lim (virtual-mic --in-server reads --atten-lim for the plugin).</summary>
    public ProcessorOptions Processor => _processor;

    public Option<string?> Input { get; } = new("--input")
    {
        Description = "Input device: index, name substring, or ALSA string (pulse:DEVICE=source). Default: the default input.",
    };

    public Option<int> Rate { get; } = new("--rate") { Description = "Device sample rate in Hz.", DefaultValueFactory = _ => 48000 };

    public Option<double> BlockMs { get; } = new("--block-ms") { Description = "Callback block in milliseconds.", DefaultValueFactory = _ => 10 };

    public Option<double?> DeviceLatencyMs { get; } = new("--device-latency-ms")
    {
        Description = "Latency requested from PortAudio for each stream, in ms (default: two blocks).",
    };

    public Option<double?> BufferMs { get; } = new("--buffer-ms")
    {
        Description = "Processed audio kept in reserve before the output plays, in ms: the jitter cushion (default: 20 ms, at least one block; less saves latency but may under-run, depending on the device callbacks' phase and the machine's scheduling).",
    };

    public Option<bool> Bypass { get; } = new("--bypass") { Description = "No denoising: copy input to output (measures the device path)." };

    public Option<UnderrunPolicy> Underrun { get; } = new("--underrun")
    {
        Description = "What plays when processed audio runs out: Silence or Passthrough (the newest dry input).",
        DefaultValueFactory = _ => UnderrunPolicy.Silence,
    };

    public Option<bool> NoRealtime { get; } = new("--no-realtime")
    {
        Description = "Keep the engine and callback threads in ordinary scheduling (default: SCHED_FIFO where permitted: root, or rtprio in limits.conf).",
    };

    public Option<bool> Stats { get; } = new("--stats") { Description = "Live one-line statistics on stderr." };

    public Option<double?> Duration { get; } = new("--duration") { Description = "Stop after this many seconds (default: until Ctrl-C)." };

    public Option<bool> Json { get; } = new("--json") { Description = "On exit print one JSON line on stdout: seconds, xruns, hop_us_p50/p99/max, latency_ms." };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Debug logging on stderr (telemetry summaries every 5 s, host API messages)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Input);
        command.Options.Add(Rate);
        command.Options.Add(BlockMs);
        command.Options.Add(DeviceLatencyMs);
        command.Options.Add(BufferMs);
        _processor.AddTo(command);
        _chain.AddTo(command);
        command.Options.Add(Bypass);
        command.Options.Add(Underrun);
        command.Options.Add(NoRealtime);
        command.Options.Add(Stats);
        command.Options.Add(Duration);
        command.Options.Add(Json);
        command.Options.Add(Verbose);
    }

    /// <summary>
    /// Refuses the options that only this process's own streaming uses (processor choice, devices' blocking and
    /// buffering, run control) when <paramref name="action"/> does not stream: the in-server microphone runs the
    /// plugin with its embedded model and --atten-lim as its only control, and --status/--remove/--cleanup/--pipewire-conf
    /// stream nothing, so such an option would otherwise be ignored without a word.
    /// </summary>
    public void RejectStreamingOptions(ParseResult parse, string action)
    {
        if (parse.FirstGiven(_processor.Processor, _processor.Model, _chain.Chain, BlockMs, DeviceLatencyMs, BufferMs, Bypass, Underrun, NoRealtime, Stats, Duration) is { } o)
        {
            throw new UserInputException(
                $"{o.Name} does not apply to {action}: processing and streaming options belong to the process route (virtual-mic without --in-server); the in-server microphone runs the rtdenoise plugin with its embedded model, and --atten-lim is its control.");
        }
    }

    public LiveRequest ToRequest(ParseResult parse, string? output)
    {
        bool bypass = parse.GetValue(Bypass);
        double? seconds = parse.GetValue(Duration);
        if (seconds is { } sec && !(sec > 0 && sec <= 7 * 24 * 3600))
        {
            // NaN, infinities and 1e300 would otherwise reach TimeSpan.FromSeconds and throw.
            throw new UserInputException($"--duration {sec.ToString(System.Globalization.CultureInfo.InvariantCulture)}: expected 0 < seconds ≤ 604800 (one week).");
        }

        return new LiveRequest(
            parse.GetValue(Input),
            output,
            parse.GetValue(Rate),
            parse.GetValue(BlockMs),
            parse.GetValue(DeviceLatencyMs),
            parse.GetValue(BufferMs),
            bypass ? null : _chain.Resolve(parse, _processor) ?? _processor.ResolveProcessor(parse),
            bypass,
            parse.GetValue(Underrun),
            !parse.GetValue(NoRealtime),
            parse.GetValue(Stats),
            seconds is { } s ? TimeSpan.FromSeconds(s) : null,
            parse.GetValue(Json),
            parse.GetValue(Verbose));
    }
}
