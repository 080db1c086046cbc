using System.CommandLine;
using System.Globalization;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// `rtdenoise virtual-mic`: a denoised virtual microphone other programs record from. Two routes:
/// <list type="bullet">
/// <item>external process (default): a null sink NAME_sink and a source NAME remapped from its monitor, fed by this
/// process through PortAudio; removed on exit (stale ones of a dead run on the next start, or with --cleanup).</item>
/// <item>--in-server: NoiseTorch's chain, our LADSPA plugin loaded into the sound server (<see cref="InServerMic"/>);
/// the command returns at once and the mic stays until --remove or the server restarts.</item>
/// </list>
/// --status lists what is loaded; --pipewire-conf prints the PipeWire-native equivalent. --in-server --persist also
/// writes what loads the mic again at every server start (<see cref="PersistStore"/>); --unpersist removes exactly that.
/// </summary>
public static class VirtualMicCommand
{
    public static Command Create()
    {
        var shared = new LiveOptions();
        Option<string> name = new("--name") { Description = "Name of the virtual microphone (a PulseAudio source).", DefaultValueFactory = _ => "rtdenoise_mic" };
        Option<bool> cleanup = new("--cleanup") { Description = "Only remove modules left by dead rtdenoise runs (external route), then exit." };
        Option<bool> inServer = new("--in-server") { Description = "Load the denoiser into the sound server (LADSPA plugin, module-ladspa-sink + module-loopback, as NoiseTorch does) and exit; the mic stays until --remove. --input is then a source name (default: the server's default source)." };
        Option<bool> remove = new("--remove") { Description = "Unload the in-server microphone --name (only modules marked as ours)." };
        Option<bool> persist = new("--persist") { Description = "--in-server: also make the mic come back at every start of this sound server (a block in PulseAudio's default.pa, or a pipewire-pulse.conf.d file on PipeWire)." };
        Option<bool> unpersist = new("--unpersist") { Description = "Remove what --persist wrote for --name (exactly that; the mic loaded now stays until --remove)." };
        Option<bool> status = new("--status") { Description = "Show the rtdenoise microphones loaded in the server: route, modules, plugin, model, declared latency (--json: one JSON line)." };
        Option<bool> pipewireConf = new("--pipewire-conf") { Description = "Print a PipeWire filter-chain config for this plugin and these settings (save it in ~/.config/pipewire/pipewire.conf.d/)." };
        Option<int> latencyMs = new("--latency-ms") { Description = "--in-server: module-loopback's latency_msec, the buffer between the input and the plugin (1..1000).", DefaultValueFactory = _ => InServerDefaults.LoopbackLatencyMs };
        Option<string?> plugin = PluginLocator.CreateOption("--in-server / --pipewire-conf");
        Command command = new("virtual-mic", "Denoise an input device into a virtual microphone other programs can record from (PulseAudio/PipeWire).");
        shared.AddTo(command);
        foreach (Option o in new Option[] { name, cleanup, inServer, persist, unpersist, remove, status, pipewireConf, latencyMs, plugin })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => CommandGuard.Run(() =>
        {
            Logging.Configure(parse.GetValue(shared.Verbose));
            string micName = PulseModules.CheckName(parse.GetValue(name)!);
            Option<bool>[] given = [.. new[] { cleanup, inServer, unpersist, remove, status, pipewireConf }.Where(parse.GetValue)];
            if (given.Length > 1)
            {
                throw new UserInputException("--cleanup, --in-server, --unpersist, --remove, --status and --pipewire-conf are separate actions: give one.");
            }

            if (given.Length == 1)
            {
                shared.RejectStreamingOptions(parse, given[0].Name);
            }

            if (!given.Contains(inServer) && parse.GetValue(persist))
            {
                throw new UserInputException("--persist applies to --in-server only (it loads the mic now and at every server start).");
            }

            if (!given.Contains(inServer) && parse.FirstGiven(latencyMs) is { } loopOption)
            {
                throw new UserInputException($"{loopOption.Name} applies to --in-server only.");
            }

            if (!given.Contains(inServer) && !given.Contains(pipewireConf) && parse.FirstGiven(plugin) is { } pluginOption)
            {
                throw new UserInputException($"{pluginOption.Name} applies to --in-server and --pipewire-conf only.");
            }

            int rate = parse.GetValue(shared.Rate);
            string? source = SourceName(parse.GetValue(shared.Input));
            int loopMs = parse.GetValue(latencyMs);
            if (given.Contains(inServer) || given.Contains(pipewireConf))
            {
                // Both routes hand these to the server (module arguments, a config file): checked before it is asked anything.
                ServerRate.Check(rate);
                source = source is null ? null : ModuleArgument.CheckDeviceName(source, "--input");
            }

            if (loopMs is < 1 or > 1000)
            {
                throw new UserInputException($"--latency-ms {loopMs}: expected 1..1000 ms (module-loopback's latency_msec).");
            }

            float atten = shared.Processor.AttenuationLimit(parse) ?? InServerDefaults.AttenuationLimitDb;
            var settings = new Settings(micName, source, rate, atten, loopMs, parse.GetValue(plugin), parse.GetValue(shared.Json), parse.GetValue(persist));
            try
            {
                return Execute(given.Length == 1 ? given[0].Name : null, settings, parse, shared);
            }
            catch (VirtualMicException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }

    /// <summary>Runs the action (an action option's name, or null for the process route) with checked settings.</summary>
    private static int Execute(string? action, Settings s, ParseResult parse, LiveOptions shared)
    {
        if (action == "--pipewire-conf")
        {
            string path = PluginLocator.Find(s.Plugin);
            PluginProbe.Check(path, s.Rate);
            Console.Out.Write(PipeWireConf.Build(s.MicName, path, s.AttenuationLimitDb, s.Rate, s.Source));
            return ExitCodes.Ok;
        }

        if (action == "--unpersist")
        {
            // Only files: the server need not run (it may be the reason for removing its start-up entry).
            return MicPersistence.Unpersist(PersistStore.Default, s.MicName, Console.Error);
        }

        Pactl pactl = Pactl.Default;
        pactl.CheckServer();
        switch (action)
        {
            case "--status":
                PrintStatus(pactl, s.Json);
                return ExitCodes.Ok;
            case "--remove":
                return Remove(pactl, s.MicName);
        }

        bool staleGone = RemoveStale(pactl);
        return action switch
        {
            "--cleanup" => staleGone ? ExitCodes.Ok : ExitCodes.Failure,
            "--in-server" => LoadInServer(pactl, s),
            _ => RunExternal(pactl, parse, shared, s.MicName),
        };
    }

    /// <summary>--input for the in-server route is a server source name; "pulse:DEVICE=X" (the PortAudio form) means X.</summary>
    private static string? SourceName(string? input) =>
        input is null ? null : input.StartsWith("pulse:DEVICE=", StringComparison.Ordinal) ? input["pulse:DEVICE=".Length..] : input;

    private static void PrintStatus(Pactl pactl, bool json)
    {
        var entries = MicStatus.Collect(pactl.Modules());
        if (json)
        {
            MicStatus.PrintJson(entries, Console.Out);
        }
        else
        {
            MicStatus.Print(entries, Console.Out);
        }
    }

    /// <returns>false when a stale module could not be unloaded (named in a warning line).</returns>
    private static bool RemoveStale(Pactl pactl)
    {
        ModuleCleanup.Report stale = PulseModules.RemoveStale(pactl);
        if (stale.Unloaded.Count > 0)
        {
            Console.Error.WriteLine($"removed {stale.Unloaded.Count} stale module(s) of dead rtdenoise runs");
        }

        if (!stale.Complete)
        {
            Console.Error.WriteLine($"warning: stale modules of dead rtdenoise runs are left: {stale.Describe()}");
        }

        return stale.Complete;
    }

    private static int RunExternal(Pactl pactl, ParseResult parse, LiveOptions shared, string micName)
    {
        var modules = new PulseModules(micName, parse.GetValue(shared.Rate));
        PulseModules.EnsureNamesFree(pactl, modules.SourceName, [modules.SourceName], [modules.SinkName], []);
        LiveRequest request = shared.ToRequest(parse, modules.SinkDeviceString);
        // The whole run, teardown included, stops cleanly on a signal: the unloads get what is left of the grace time,
        // and the watchdog, started before the modules exist, removes whatever a cut teardown, a crash or SIGKILL leaves.
        using var signals = new TerminationSignals(ProcessSignals.GraceTime);
        int? watchdog = BackgroundCleanup.Start();
        IReadOnlyList<string> loaded = modules.Load(pactl);
        Console.Error.WriteLine($"virtual microphone '{modules.SourceName}' is up (record from it; modules {string.Join(", ", loaded)})");
        int code = ExitCodes.Failure;
        try
        {
            code = LiveRunner.Run(request);
        }
        finally
        {
            code = ExternalMicTeardown.Run(pactl, modules.SourceName, loaded, code, Console.Error, ProcessSignals.GraceLeft, watchdog, BackgroundCleanup.Stop);
        }

        return code;
    }

    private static int LoadInServer(Pactl pactl, Settings s)
    {
        (string micName, int loopMs) = (s.MicName, s.LoopbackLatencyMs);
        string pluginPath = PluginLocator.Find(s.Plugin);
        PluginProbe.Declared declared = PluginProbe.Check(pluginPath, s.Rate);
        string source = s.Source ?? pactl.DefaultSource()
            ?? throw new UserInputException("the server has no default source: give --input SOURCE (pactl list short sources lists them).");
        var mic = new InServerMic(micName, source, s.Rate, s.AttenuationLimitDb, loopMs, pluginPath);
        _ = mic.ModuleArguments(); // refuses a plugin path no module argument can carry, before the server is asked anything
        // Which server, before anything is loaded: its start-up files are what --persist writes.
        SoundServerKind? kind = s.Persist ? SoundServer.KindOf(pactl.Query("info")) : null;
        var (loaded, replaced) = new InServerInstall(pactl).Run(mic);
        if (replaced.Count > 0)
        {
            Console.Error.WriteLine($"replaced the earlier in-server microphone '{micName}' (unloaded modules {string.Join(", ", replaced.Select(m => m.Id))})");
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"virtual microphone '{micName}' is loaded in the sound server (modules {string.Join(", ", loaded)}; input {source}; plugin {pluginPath}, {declared.Name}; declared latency {declared.LatencyMs + loopMs:F1} ms = plugin {declared.LatencyMs:F1} + loopback {loopMs} ms). It stays until `rtdenoise virtual-mic --remove --name {micName}` or the server restarts{(s.Persist ? " (--persist: and comes back at the next start)" : string.Empty)}."));
        return kind is { } k ? MicPersistence.Persist(PersistStore.Default, k, mic, Console.Error) : ExitCodes.Ok;
    }

    private static int Remove(Pactl pactl, string micName)
    {
        IReadOnlyList<ServerModule> modules = pactl.Modules();
        if (InServerRemoval.Run(pactl, modules, DeviceKind.Microphone, micName, [micName], InServerMic.SinksOf(micName), Console.Error) is int code)
        {
            return code;
        }

        ServerModule? live = modules.FirstOrDefault(m => m.Mark is { OwnerPid: int } mark && mark.Name == micName);
        Console.Error.WriteLine(live?.Mark is { OwnerPid: int pid }
            ? $"'{micName}' is the external-route microphone of rtdenoise pid {pid}: it goes when that process ends (Ctrl-C); nothing removed"
            : InServerRemoval.NothingToRemove(modules, DeviceKind.Microphone, micName));
        return ExitCodes.Ok;
    }

    /// <summary>What the action needs, checked: --name, --input as a server device name, --rate, --atten-lim, --latency-ms, --plugin, --json, --persist.</summary>
    private sealed record Settings(string MicName, string? Source, int Rate, float AttenuationLimitDb, int LoopbackLatencyMs, string? Plugin, bool Json, bool Persist);
}
