using System.Globalization;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The virtual microphone inside the sound server (NoiseTorch's chain), loaded with `pactl` on PulseAudio or
/// pipewire-pulse; no process of ours stays running, so the mic lives as long as the server:
/// <code>
///   INPUT ──module-loopback (latency_msec)──► NAME_ladspa (module-ladspa-sink, our plugin)
///         ──► NAME_sink (module-null-sink) ──► NAME_sink.monitor ──module-remap-source──► source NAME
/// </code>
/// Every module carries <c>rtdenoise.owner=in-server rtdenoise.mic=NAME</c> (<see cref="OwnerMark"/>), which is how
/// --remove and --status find exactly ours. <see cref="InServerInstall"/> creates or replaces it.
/// </summary>
public sealed record InServerMic(string Name, string Input, int Rate, float AttenuationLimitDb, int LoopbackLatencyMs, string PluginPath) : IInServerDevice
{
    public DeviceKind Kind => DeviceKind.Microphone;

    public string SinkName => Name + "_sink";

    public string LadspaSinkName => Name + "_ladspa";

    public IReadOnlyList<string> SourceNames => [Name];

    /// <summary>The sinks this mic creates: a name the server already has is taken unless it is ours.</summary>
    public IReadOnlyList<string> SinkNames => SinksOf(Name);

    /// <summary>The sinks a mic named <paramref name="name"/> has (what --remove checks for dependents, without the mic's settings).</summary>
    public static IReadOnlyList<string> SinksOf(string name) => [name + "_sink", name + "_ladspa"];

    /// <summary>The `pactl load-module` arguments of the four modules, in load order (the loopback last).</summary>
    public IReadOnlyList<string[]> ModuleArguments()
    {
        string Props(string what) => $"'{OwnerMark.Properties(null, Name, $"{Name} {what} (rtdenoise)")}'";
        string Q(string key, string value) => ModuleArgument.Quoted(key, value, key);
        string atten = AttenuationLimitDb.ToString("0.###", CultureInfo.InvariantCulture);
        string rate = Rate.ToString(CultureInfo.InvariantCulture);
        return
        [
            ["module-null-sink", Q("sink_name", SinkName), Q("format", "float32le"), Q("rate", rate), Q("channels", "1"), Q("channel_map", "mono"), $"sink_properties={Props("output")}"],
            ["module-ladspa-sink", Q("sink_name", LadspaSinkName), Q("sink_master", SinkName), Q("rate", rate), Q("channels", "1"), Q("channel_map", "mono"),
                ModuleArgument.Quoted("plugin", PluginPath, "--plugin"), Q("label", "rtdenoise"), Q("control", $"{atten},0"), $"sink_properties={Props("denoiser")}"],
            ["module-remap-source", Q("source_name", Name), Q("master", SinkName + ".monitor"), Q("channels", "1"), Q("channel_map", "mono"), $"source_properties={Props("microphone")}"],
            ["module-loopback", ModuleArgument.Quoted("source", Input, "--input"), Q("sink", LadspaSinkName), Q("latency_msec", LoopbackLatencyMs.ToString(CultureInfo.InvariantCulture)),
                Q("channels", "1"), Q("channel_map", "mono"), Q("source_dont_move", "true"), Q("sink_dont_move", "true"),
                $"sink_input_properties={Props("input")}", $"source_output_properties={Props("input")}"],
        ];
    }

    /// <summary>Loads the four modules (the loopback last, so audio flows only once the chain is whole); returns their ids in load order.</summary>
    public IReadOnlyList<string> Load(Pactl pactl) => InServerChain.Load(pactl, this);

    public IInServerDevice WithName(string name) => this with { Name = name };

    /// <summary>The input must be a source the server has, and not one of this mic's own (it would record itself).</summary>
    public void CheckEndpoint(Pactl pactl)
    {
        ModuleArgument.CheckDeviceName(Input, "--input");
        string[] own = [Name, SinkName + ".monitor", LadspaSinkName + ".monitor"];
        if (own.Contains(Input))
        {
            throw new Cli.UserInputException($"--input {Input}: that is the microphone being created; choose the real input (pactl list short sources).");
        }

        if (!pactl.Names("sources").Contains(Input))
        {
            throw new Cli.UserInputException($"--input {Input}: the server has no such source (pactl list short sources lists them); nothing was changed.");
        }
    }

    /// <summary>The in-server microphone modules marked with this name, in unload order (users before what they use).</summary>
    public static IReadOnlyList<ServerModule> Find(IReadOnlyList<ServerModule> modules, string name) =>
        InServerChain.Find(modules, DeviceKind.Microphone, name);
}
