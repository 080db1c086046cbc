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

    /// <summary>Loads the four modules (the loopback last, so audio flows only once the chain is whole); returns their ids in load order.</summary>
    public IReadOnlyList<string> Load()
    {
        string Props(string what) => $"'{OwnerMark.Properties(null, Name, $"{Name} {what} (rtdenoise)")}'";
        string atten = AttenuationLimitDb.ToString("0.###", CultureInfo.InvariantCulture);
        string[][] modules =
        [
            ["module-null-sink", $"sink_name={SinkName}", "format=float32le", $"rate={Rate}", "channels=1", "channel_map=mono", $"sink_properties={Props("output")}"],
            ["module-ladspa-sink", $"sink_name={LadspaSinkName}", $"sink_master={SinkName}", $"rate={Rate}", "channels=1", "channel_map=mono",
                $"plugin={PluginPath}", "label=rtdenoise", $"control={atten},0", $"sink_properties={Props("denoiser")}"],
            ["module-remap-source", $"source_name={Name}", $"master={SinkName}.monitor", "channels=1", "channel_map=mono", $"source_properties={Props("microphone")}"],
            ["module-loopback", $"source={Input}", $"sink={LadspaSinkName}", $"latency_msec={LoopbackLatencyMs}", "channels=1", "channel_map=mono",
                "source_dont_move=true", "sink_dont_move=true", $"sink_input_properties={Props("input")}", $"source_output_properties={Props("input")}"],
        ];
        var loaded = new List<string>();
        try
        {
            foreach (string[] module in modules)
            {
                loaded.Add(Pactl.LoadModule(module));
            }
        }
        catch
        {
            for (int i = loaded.Count - 1; i >= 0; i--)
            {
                Pactl.UnloadModule(loaded[i]);
            }

            throw;
        }

        return loaded;
    }

    /// <summary>The in-server modules marked with this name, in unload order (users before what they use).</summary>
    public static IReadOnlyList<ServerModule> Find(IReadOnlyList<ServerModule> modules, string name) =>
        modules.Where(m => m.Mark is { IsInServer: true } mark && mark.MicName == name).OrderBy(m => m.UnloadRank).ToList();

    /// <summary>Unloads exactly the in-server modules marked with this name; returns them.</summary>
    public static IReadOnlyList<ServerModule> Remove(string name)
    {
        IReadOnlyList<ServerModule> ours = Find(Pactl.Modules(), name);
        foreach (ServerModule m in ours)
        {
            Pactl.UnloadModule(m.Id);
        }

        return ours;
    }
}
