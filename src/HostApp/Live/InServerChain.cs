namespace RtDenoise.HostApp.Live;

/// <summary>
/// The module handling every in-server device shares: loading a device's modules as one unit, finding exactly the
/// modules marked as one device (its kind and name), unloading them, and finding a module that depends on them.
/// </summary>
public static class InServerChain
{
    /// <summary>
    /// Loads the device's modules in order; returns their ids in load order. When one fails, those already loaded
    /// are unloaded (each tried) and the error says what is left.
    /// </summary>
    public static IReadOnlyList<string> Load(Pactl pactl, IInServerDevice device)
    {
        IReadOnlyList<string[]> modules = device.ModuleArguments();
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

    /// <summary>The in-server modules marked as device <paramref name="name"/> of <paramref name="kind"/>, in unload order (users before what they use).</summary>
    public static IReadOnlyList<ServerModule> Find(IReadOnlyList<ServerModule> modules, DeviceKind kind, string name) =>
        modules.Where(m => m.Mark is { IsInServer: true } mark && mark.Kind == kind && mark.Name == name).OrderBy(m => m.UnloadRank).ToList();

    /// <summary>Unloads exactly <paramref name="ours"/> (every one tried); reports what happened.</summary>
    public static ModuleCleanup.Report Remove(Pactl pactl, IReadOnlyList<ServerModule> ours) =>
        ModuleCleanup.UnloadAll(pactl, ours.Select(m => m.Id));

    /// <summary>
    /// A module outside <paramref name="ours"/> that records from one of the device's sources (its sinks' monitors
    /// included) or plays into one of its sinks, or null. "master" names a source for module-remap-source and a sink
    /// for module-remap-sink and module-ladspa-sink, so it is compared with both.
    /// </summary>
    public static ServerModule? FindDependent(IReadOnlyList<string> sourceNames, IReadOnlyList<string> sinkNames, IReadOnlyList<ServerModule> modules, IReadOnlyList<ServerModule> ours)
    {
        string[] sources = [.. sourceNames, .. sinkNames.Select(s => s + ".monitor")];
        bool Uses(ServerModule m) =>
            (m.Argument("source") is string source && sources.Contains(source))
            || (m.Argument("sink") is string sink && sinkNames.Contains(sink))
            || (m.Argument("sink_master") is string sinkMaster && sinkNames.Contains(sinkMaster))
            || (m.Argument("master") is string master && (sources.Contains(master) || sinkNames.Contains(master)));
        return modules.FirstOrDefault(m => ours.All(p => p.Id != m.Id) && Uses(m));
    }

    /// <summary>The mark the device's modules carry (for its kind's wording in messages).</summary>
    public static OwnerMark MarkOf(IInServerDevice device) => new(null, device.Name, device.Kind);

    /// <summary>Who <paramref name="user"/> is, for a message: "the microphone 'b'" when it is one of ours, else its module id and name.</summary>
    public static string DescribeUser(ServerModule user) =>
        user.Mark is { } mark ? mark.Describe() : $"module {user.Id} ({user.Name})";
}
