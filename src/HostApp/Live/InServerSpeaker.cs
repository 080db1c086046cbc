using System.Globalization;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The virtual speaker inside the sound server: what apps play into (a call's far end, say) is denoised by our
/// plugin and played on the real output. One module, loaded with `pactl` on PulseAudio or pipewire-pulse:
/// <code>
///   apps ──► sink NAME (module-ladspa-sink, our plugin) ──sink_master──► OUTPUT (the real output)
/// </code>
/// It carries <c>rtdenoise.owner=in-server rtdenoise.speaker=NAME</c> (<see cref="OwnerMark"/>), which is how
/// virtual-speaker --remove and --status find exactly ours and virtual-mic's never touch it.
/// <see cref="InServerInstall"/> creates or replaces it.
/// </summary>
public sealed record InServerSpeaker(string Name, string Output, int Rate, float AttenuationLimitDb, string PluginPath) : IInServerDevice
{
    public DeviceKind Kind => DeviceKind.Speaker;

    public IReadOnlyList<string> SourceNames => [];

    public IReadOnlyList<string> SinkNames => SinksOf(Name);

    /// <summary>The sinks a speaker named <paramref name="name"/> has (what --remove checks for dependents, without the speaker's settings).</summary>
    public static IReadOnlyList<string> SinksOf(string name) => [name];

    /// <summary>The `pactl load-module` arguments of its one module.</summary>
    public IReadOnlyList<string[]> ModuleArguments()
    {
        string Q(string key, string value) => ModuleArgument.Quoted(key, value, key);
        string props = OwnerMark.Properties(null, Name, $"{Name} (rtdenoise denoised speaker)", DeviceKind.Speaker);
        return
        [
            ["module-ladspa-sink", Q("sink_name", Name), ModuleArgument.Quoted("sink_master", Output, "--output"),
                Q("rate", Rate.ToString(CultureInfo.InvariantCulture)), Q("channels", "1"), Q("channel_map", "mono"),
                ModuleArgument.Quoted("plugin", PluginPath, "--plugin"), Q("label", "rtdenoise"),
                Q("control", $"{AttenuationLimitDb.ToString("0.###", CultureInfo.InvariantCulture)},0"), $"sink_properties='{props}'"],
        ];
    }

    public IInServerDevice WithName(string name) => this with { Name = name };

    /// <summary>The output must be a sink the server has, and not the speaker itself (it would play into itself).</summary>
    public void CheckEndpoint(Pactl pactl)
    {
        ModuleArgument.CheckDeviceName(Output, "--output", "sinks");
        if (Output == Name)
        {
            throw new Cli.UserInputException($"--output {Output}: that is the speaker being created; choose the real output (pactl list short sinks).");
        }

        if (!pactl.Names("sinks").Contains(Output))
        {
            throw new Cli.UserInputException($"--output {Output}: the server has no such sink (pactl list short sinks lists them); nothing was changed.");
        }
    }

    /// <summary>The in-server speaker modules marked with this name.</summary>
    public static IReadOnlyList<ServerModule> Find(IReadOnlyList<ServerModule> modules, string name) =>
        InServerChain.Find(modules, DeviceKind.Speaker, name);
}
