namespace RtDenoise.HostApp.Live;

/// <summary>
/// Creates or replaces an in-server microphone without ever leaving the user with none. Everything the server can
/// tell us is checked before any module is touched (the input source exists and is not the mic itself, the names
/// are free or ours, nothing else records from the mic being replaced). A replacement is then first loaded whole
/// under a trial name and unloaded again, so a plugin, rate or input the server refuses fails while the working
/// mic is still there; only then is the old chain swapped for the new one, and should that last load still fail,
/// the old modules are loaded back from the arguments the server reported for them.
/// </summary>
public sealed class InServerInstall(Pactl pactl)
{
    /// <summary>The trial chain's name: marked like any in-server mic, so --status and --remove see it if we die mid-way.</summary>
    public static string TrialName => $"rtdenoise_trial_{Environment.ProcessId}";

    /// <summary>Loads <paramref name="mic"/>; returns its module ids and the modules of the mic it replaced (empty when new).</summary>
    public (IReadOnlyList<string> Loaded, IReadOnlyList<ServerModule> Replaced) Run(InServerMic mic)
    {
        IReadOnlyList<ServerModule> modules = pactl.Modules();
        IReadOnlyList<ServerModule> previous = InServerMic.Find(modules, mic.Name);
        CheckInput(mic);
        PulseModules.EnsureNamesFree(pactl, mic.Name, mic.SinkNames, previous);
        if (previous.Count == 0)
        {
            return (mic.Load(pactl), previous);
        }

        RefuseDependents(mic, modules, previous);
        Trial(mic);
        ModuleCleanup.Report removed = InServerMic.Remove(pactl, previous);
        if (!removed.Complete)
        {
            string restored = Restore(previous.Where(m => removed.Unloaded.Contains(m.Id)).ToList());
            throw new VirtualMicException($"could not replace the microphone '{mic.Name}': {removed.Describe()}; {restored}");
        }

        try
        {
            return (mic.Load(pactl), previous);
        }
        catch (VirtualMicException ex)
        {
            throw new VirtualMicException($"{ex.Message}; {Restore(previous)}");
        }
    }

    private void CheckInput(InServerMic mic)
    {
        ModuleArgument.CheckDeviceName(mic.Input, "--input");
        string[] own = [mic.Name, mic.SinkName + ".monitor", mic.LadspaSinkName + ".monitor"];
        if (own.Contains(mic.Input))
        {
            throw new Cli.UserInputException($"--input {mic.Input}: that is the microphone being created; choose the real input (pactl list short sources).");
        }

        if (!pactl.Names("sources").Contains(mic.Input))
        {
            throw new Cli.UserInputException($"--input {mic.Input}: the server has no such source (pactl list short sources lists them); nothing was changed.");
        }
    }

    /// <summary>
    /// Refuses to replace a mic another module records from or plays into (another mic's loopback, say): its
    /// loopback is made with source_dont_move, so PulseAudio unloads it the moment the old source goes, and the
    /// new source of the same name would not bring it back.
    /// </summary>
    private static void RefuseDependents(InServerMic mic, IReadOnlyList<ServerModule> modules, IReadOnlyList<ServerModule> previous)
    {
        if (FindDependent(mic.Name, modules, previous) is not { } user)
        {
            return;
        }

        string who = user.Mark is { } mark
            ? $"the microphone '{mark.MicName}' records from it (module {user.Id} {user.Name}); remove '{mark.MicName}' first (rtdenoise virtual-mic --remove --name {mark.MicName})"
            : $"module {user.Id} ({user.Name}) uses it; unload that module first";
        throw new Cli.UserInputException($"--name {mic.Name}: replacing this microphone would break what depends on it: {who}; nothing was changed.");
    }

    /// <summary>A module outside <paramref name="ours"/> that reads from or plays into one of mic <paramref name="name"/>'s devices, or null.</summary>
    public static ServerModule? FindDependent(string name, IReadOnlyList<ServerModule> modules, IReadOnlyList<ServerModule> ours)
    {
        string[] devices = [name, name + "_sink", name + "_sink.monitor", name + "_ladspa", name + "_ladspa.monitor"];
        string[] keys = ["source", "master", "sink", "sink_master"];
        return modules.FirstOrDefault(m => ours.All(p => p.Id != m.Id) && keys.Any(k => m.Argument(k) is string v && devices.Contains(v)));
    }

    /// <summary>Loads the new chain whole under <see cref="TrialName"/> and unloads it: a refusal by the server surfaces here.</summary>
    private void Trial(InServerMic mic)
    {
        InServerMic trial = mic with { Name = TrialName };
        PulseModules.EnsureNamesFree(pactl, trial.Name, trial.SinkNames, []);
        IReadOnlyList<string> loaded;
        try
        {
            loaded = trial.Load(pactl);
        }
        catch (VirtualMicException ex)
        {
            throw new VirtualMicException($"{ex.Message}; the microphone '{mic.Name}' already loaded is left as it was.");
        }

        ModuleCleanup.Report undo = ModuleCleanup.UnloadAll(pactl, Enumerable.Reverse(loaded));
        if (!undo.Complete)
        {
            throw new VirtualMicException($"the trial load of the new chain worked but unloading it did not ({undo.Describe()}); the microphone '{mic.Name}' already loaded is left as it was.");
        }
    }

    /// <summary>Loads <paramref name="modules"/> back with the arguments the server reported (what they use first); says how that went.</summary>
    private string Restore(IReadOnlyList<ServerModule> modules)
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

        return failed.Count == 0
            ? "the earlier microphone was loaded back as it was"
            : $"the earlier microphone could not be loaded back ({string.Join("; ", failed)})";
    }
}
