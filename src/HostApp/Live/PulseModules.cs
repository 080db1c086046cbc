using System.Globalization;
using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The external-process virtual microphone's two server modules, driven through `pactl` (the same commands work
/// on PulseAudio and on PipeWire's pulse server):
/// <code>
///   rtdenoise ──PortAudio──► null sink NAME_sink ──► NAME_sink.monitor ──module-remap-source──► source NAME
///                                                                         (what other programs record from)
/// </code>
/// Both carry <see cref="OwnerMark"/> with this process's PID, so stale ones from a crashed run (owner dead) are
/// removed on the next start, and nothing we did not load, or another live instance loaded, is ever touched.
/// </summary>
public sealed partial class PulseModules
{
    public PulseModules(string name, int sampleRate)
    {
        SourceName = CheckName(name);
        SinkName = name + "_sink";
        SampleRate = sampleRate;
    }

    public string SourceName { get; }

    public string SinkName { get; }

    public int SampleRate { get; }

    /// <summary>The ALSA device string PortAudio opens to play into the sink.</summary>
    public string SinkDeviceString => $"pulse:DEVICE={SinkName}";

    /// <summary>Validates --name (it becomes a source or sink name and a property value, so no spaces or quotes).</summary>
    public static string CheckName(string name, string becomes = "source") => ValidName().IsMatch(name)
        ? name
        : throw new Cli.UserInputException($"--name '{name}': use 1 to 64 letters, digits, '_', '-' or '.' (it becomes a PulseAudio {becomes} name).");

    /// <summary>
    /// Unloads modules marked by an external-route run whose owner process is gone (any --name: they serve nobody);
    /// returns how many. Unmarked modules, in-server ones and those of live instances are left alone.
    /// </summary>
    public static ModuleCleanup.Report RemoveStale(Pactl pactl) =>
        RemoveWhere(pactl, pid => !OwnerProcess.IsAlive(pid));

    /// <summary>Unloads the modules marked by the external-route run of process <paramref name="ownerPid"/>, which
    /// must have ended (the detached cleanup after a run whose teardown could not finish).</summary>
    public static ModuleCleanup.Report RemoveLeftBy(Pactl pactl, int ownerPid) =>
        RemoveWhere(pactl, pid => pid == ownerPid && !OwnerProcess.IsAlive(pid));

    private static ModuleCleanup.Report RemoveWhere(Pactl pactl, Func<int, bool> ownerIsGone)
    {
        var stale = pactl.Modules()
            .Where(m => m.Mark is { OwnerPid: int pid } && ownerIsGone(pid))
            .OrderBy(m => m.UnloadRank)
            .Select(m => m.Id);
        return ModuleCleanup.UnloadAll(pactl, stale);
    }

    /// <summary>
    /// Refuses (exit 2) when the server already has a source or sink with one of the names we are about to create:
    /// whoever made it (another program, another live rtdenoise, an in-server mic or speaker), it is not ours to replace.
    /// Names held by one of <paramref name="replacing"/> (the modules about to be replaced) are ours and free.
    /// <paramref name="name"/> is the --name the refusal cites.
    /// </summary>
    public static void EnsureNamesFree(Pactl pactl, string name, IReadOnlyList<string> sourceNames, IReadOnlyList<string> sinkNames, IReadOnlyCollection<ServerModule> replacing)
    {
        IReadOnlyList<ServerModule> modules = pactl.Modules();
        // Sources and sinks are separate name spaces (a mic and a speaker may share a name): a source is held by the
        // module whose source_name it is, a sink by the one whose sink_name it is.
        ServerModule? Holder(string key, string bare) => modules.FirstOrDefault(m => m.Argument(key) == bare);
        bool Ours(string key, string bare) => Holder(key, bare) is { } h && replacing.Any(r => r.Id == h.Id);
        IReadOnlyList<string> sources = pactl.Names("sources");
        IReadOnlyList<string> sinks = pactl.Names("sinks");
        (string Kind, string Key, string Name)? taken =
            sourceNames.FirstOrDefault(n => sources.Contains(n) && !Ours("source_name", n)) is string source ? ("source", "source_name", source)
            : sinkNames.FirstOrDefault(n => sinks.Contains(n) && !Ours("sink_name", n)) is string sink ? ("sink", "sink_name", sink) : null;
        if (taken is not { } t)
        {
            return;
        }

        ServerModule? holder = Holder(t.Key, t.Name);
        string who = holder?.Mark switch
        {
            { OwnerPid: int pid } => $"by rtdenoise (pid {pid.ToString(CultureInfo.InvariantCulture)}, still running)",
            { IsInServer: true } mark => $"by the in-server {mark.Noun} '{mark.Name}' (remove it with: rtdenoise {mark.Command} --remove --name {mark.Name})",
            _ when holder is not null => $"by module {holder.Id} ({holder.Name}), which is not rtdenoise's",
            _ => "by a device that is not rtdenoise's",
        };
        throw new Cli.UserInputException($"--name {name}: the name is taken: the server already has a {t.Kind} '{t.Name}', loaded {who}; choose another --name.");
    }

    /// <summary>Loads the null sink and the remapped source; returns their module ids (source first, for unloading).</summary>
    public IReadOnlyList<string> Load(Pactl pactl)
    {
        int pid = Environment.ProcessId;
        string sink = pactl.LoadModule(
            "module-null-sink",
            ModuleArgument.Quoted("sink_name", SinkName, "--name"),
            "format=float32le",
            ModuleArgument.Quoted("rate", SampleRate.ToString(CultureInfo.InvariantCulture), "--rate"),
            "channels=1",
            $"sink_properties='{OwnerMark.Properties(pid, SourceName, $"{SourceName} (rtdenoise pid {pid} output)")}'");
        try
        {
            string source = pactl.LoadModule(
                "module-remap-source",
                ModuleArgument.Quoted("master", SinkName + ".monitor", "--name"),
                ModuleArgument.Quoted("source_name", SourceName, "--name"),
                "channels=1",
                "channel_map=mono",
                $"source_properties='{OwnerMark.Properties(pid, SourceName, $"{SourceName} (rtdenoise pid {pid})")}'");
            return [source, sink];
        }
        catch (VirtualMicException ex)
        {
            ModuleCleanup.Report undo = ModuleCleanup.UnloadAll(pactl, [sink]);
            throw undo.Complete ? ex : new VirtualMicException($"{ex.Message}; undoing it: {undo.Describe()}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ValidName();
}
