namespace RtDenoise.HostApp.Live;

/// <summary>
/// Creates or replaces an in-server device (microphone or speaker) without ever leaving the user with none.
/// Everything the server can tell us is checked before any module is touched (the device it connects to exists and
/// is not the device itself, the names are free or ours, nothing else records from or plays into the device being
/// replaced). A replacement is then first loaded whole under a trial name and unloaded again, so a plugin, rate or
/// endpoint the server refuses fails while the working device is still there; only then is the old chain swapped
/// for the new one, and should that last load still fail, the old modules are loaded back from the arguments the
/// server reported for them.
/// </summary>
public sealed class InServerInstall(Pactl pactl)
{
    /// <summary>The trial chain's name: marked like any in-server device, so --status and --remove see it if we die mid-way.</summary>
    public static string TrialName => $"rtdenoise_trial_{Environment.ProcessId}";

    /// <summary>Loads <paramref name="device"/>; returns its module ids and the modules of the device it replaced (empty when new).</summary>
    public (IReadOnlyList<string> Loaded, IReadOnlyList<ServerModule> Replaced) Run(IInServerDevice device)
    {
        IReadOnlyList<ServerModule> modules = pactl.Modules();
        IReadOnlyList<ServerModule> previous = InServerChain.Find(modules, device.Kind, device.Name);
        device.CheckEndpoint(pactl);
        PulseModules.EnsureNamesFree(pactl, device.Name, device.SourceNames, device.SinkNames, previous);
        if (previous.Count == 0)
        {
            return (InServerChain.Load(pactl, device), previous);
        }

        RefuseDependents(device, modules, previous);
        Trial(device);
        string noun = InServerChain.MarkOf(device).Describe();
        ModuleCleanup.Report removed = InServerChain.Remove(pactl, previous);
        if (!removed.Complete)
        {
            string restored = Restore(previous.Where(m => removed.Unloaded.Contains(m.Id)).ToList(), device.Kind);
            throw new VirtualMicException($"could not replace {noun}: {removed.Describe()}; {restored}");
        }

        try
        {
            return (InServerChain.Load(pactl, device), previous);
        }
        catch (VirtualMicException ex)
        {
            throw new VirtualMicException($"{ex.Message}; {Restore(previous, device.Kind)}");
        }
    }

    /// <summary>
    /// Refuses to replace a device another module records from or plays into (another mic's loopback, say): that
    /// loopback is made with source_dont_move, and a LADSPA sink goes with its master, so PulseAudio unloads the
    /// user the moment the old device goes, and the new device of the same name would not bring it back.
    /// </summary>
    private static void RefuseDependents(IInServerDevice device, IReadOnlyList<ServerModule> modules, IReadOnlyList<ServerModule> previous)
    {
        if (InServerChain.FindDependent(device.SourceNames, device.SinkNames, modules, previous) is not { } user)
        {
            return;
        }

        string noun = InServerChain.MarkOf(device).Noun;
        string who = user.Mark is { } mark
            ? $"{mark.Describe()} {(mark.Kind == DeviceKind.Speaker ? "plays into" : "records from")} it (module {user.Id} {user.Name}); remove '{mark.Name}' first (rtdenoise {mark.Command} --remove --name {mark.Name})"
            : $"module {user.Id} ({user.Name}) uses it; unload that module first";
        throw new Cli.UserInputException($"--name {device.Name}: replacing this {noun} would break what depends on it: {who}; nothing was changed.");
    }

    /// <summary>Loads the new chain whole under <see cref="TrialName"/> and unloads it: a refusal by the server surfaces here.</summary>
    private void Trial(IInServerDevice device)
    {
        IInServerDevice trial = device.WithName(TrialName);
        PulseModules.EnsureNamesFree(pactl, trial.Name, trial.SourceNames, trial.SinkNames, []);
        string kept = $"{InServerChain.MarkOf(device).Describe()} already loaded is left as it was.";
        IReadOnlyList<string> loaded;
        try
        {
            loaded = InServerChain.Load(pactl, trial);
        }
        catch (VirtualMicException ex)
        {
            throw new VirtualMicException($"{ex.Message}; {kept}");
        }

        ModuleCleanup.Report undo = ModuleCleanup.UnloadAll(pactl, Enumerable.Reverse(loaded));
        if (!undo.Complete)
        {
            throw new VirtualMicException($"the trial load of the new chain worked but unloading it did not ({undo.Describe()}); {kept}");
        }
    }

    /// <summary>Loads <paramref name="modules"/> back with the arguments the server reported (what they use first); says how that went.</summary>
    private string Restore(IReadOnlyList<ServerModule> modules, DeviceKind kind)
    {
        var failed = new List<string>();
        foreach (ServerModule m in modules.OrderByDescending(m => m.UnloadRank))
        {
            try
            {
                _ = pactl.LoadModule(m.Name, m.Arguments);
            }
            catch (VirtualMicException ex)
            {
                failed.Add($"{m.Name}: {ex.Message}");
            }
        }

        string noun = new OwnerMark(null, string.Empty, kind).Noun;
        return failed.Count == 0
            ? $"the earlier {noun} was loaded back as it was"
            : $"the earlier {noun} could not be loaded back ({string.Join("; ", failed)})";
    }
}
