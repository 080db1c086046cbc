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
/// --remove and --status find exactly ours.
/// </summary>
public sealed record InServerMic(string Name, string Input, int Rate, float AttenuationLimitDb, int LoopbackLatencyMs, string PluginPath)
{
    public string SinkName => Name + "_sink";

    public string LadspaSinkName => Name + "_ladspa";

    /// <summary>The sources and sinks this mic creates: a name the server already has is taken unless it is ours.</summary>
    public IReadOnlyList<string> SinkNames => [SinkName, LadspaSinkName];

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

    /// <summary>
    /// Loads the four modules (the loopback last, so audio flows only once the chain is whole); returns their ids in
    /// load order. When one fails, those already loaded are unloaded (each tried) and the error says what is left.
    /// </summary>
    public IReadOnlyList<string> Load(Pactl pactl)
    {
        IReadOnlyList<string[]> modules = ModuleArguments();
        var loaded = new List<string>();
        try
        {
            foreach (string[] module in modules)
            {
                loaded.Add(pactl.LoadModule(module));
            }
        }
        catch (VirtualMicException ex)
        {
            ModuleCleanup.Report undo = ModuleCleanup.UnloadAll(pactl, Enumerable.Reverse(loaded));
            throw undo.Complete ? ex : new VirtualMicException($"{ex.Message}; undoing it: {undo.Describe()}");
        }

        return loaded;
    }

    /// <summary>The in-server modules marked with this name, in unload order (users before what they use).</summary>
    public static IReadOnlyList<ServerModule> Find(IReadOnlyList<ServerModule> modules, string name) =>
        modules.Where(m => m.Mark is { IsInServer: true } mark && mark.MicName == name).OrderBy(m => m.UnloadRank).ToList();

    /// <summary>Unloads exactly the in-server modules marked with this name (every one tried); reports what happened.</summary>
    public static ModuleCleanup.Report Remove(Pactl pactl, IReadOnlyList<ServerModule> ours) =>
        ModuleCleanup.UnloadAll(pactl, ours.Select(m => m.Id));
}
