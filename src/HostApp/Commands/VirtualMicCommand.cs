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
/// --status lists what is loaded; --pipewire-conf prints the PipeWire-native equivalent.
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
        Option<bool> status = new("--status") { Description = "Show the rtdenoise microphones loaded in the server: route, modules, plugin, model, declared latency (--json: one JSON line)." };
        Option<bool> pipewireConf = new("--pipewire-conf") { Description = "Print a PipeWire filter-chain config for this plugin and these settings (save it in ~/.config/pipewire/pipewire.conf.d/)." };
        Option<int> latencyMs = new("--latency-ms") { Description = "--in-server: module-loopback's latency_msec, the buffer between the input and the plugin (1..1000).", DefaultValueFactory = _ => InServerDefaults.LoopbackLatencyMs };
        Option<string?> plugin = new("--plugin") { Description = "--in-server / --pipewire-conf: path of rtdenoise_ladspa.so (default: the installed one, LADSPA_PATH, or artifacts/ladspa)." };
        Command command = new("virtual-mic", "Denoise an input device into a virtual microphone other programs can record from (PulseAudio/PipeWire).");
        shared.AddTo(command);
        foreach (Option o in new Option[] { name, cleanup, inServer, remove, status, pipewireConf, latencyMs, plugin })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => CommandGuard.Run(() =>
        {
            Logging.Configure(parse.GetValue(shared.Verbose));
            string micName = PulseModules.CheckName(parse.GetValue(name)!);
            Option<bool>[] given = [.. new[] { cleanup, inServer, remove, status, pipewireConf }.Where(parse.GetValue)];
            if (given.Length > 1)
            {
                throw new UserInputException("--cleanup, --in-server, --remove, --status and --pipewire-conf are separate actions: give one.");
            }

            if (given.Length == 1)
            {
                shared.RejectStreamingOptions(parse, given[0].Name);
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
            float atten = shared.Processor.AttenuationLimit(parse) ?? InServerDefaults.AttenuationLimitDb;

            try
            {
                if (parse.GetValue(pipewireConf))
                {
                    string path = PluginLocator.Find(parse.GetValue(plugin));
                    Console.Out.Write(PipeWireConf.Build(micName, path, atten, rate, SourceName(parse.GetValue(shared.Input))));
                    return ExitCodes.Ok;
                }

                Pactl.CheckServer();
                if (parse.GetValue(status))
                {
                    var entries = MicStatus.Collect(Pactl.Modules());
                    if (parse.GetValue(shared.Json))
                    {
                        MicStatus.PrintJson(entries, Console.Out);
                    }
                    else
                    {
                        MicStatus.Print(entries, Console.Out);
                    }

                    return ExitCodes.Ok;
                }

                if (parse.GetValue(remove))
                {
                    return Remove(micName);
                }

                int stale = PulseModules.RemoveStale();
                if (stale > 0)
                {
                    Console.Error.WriteLine($"removed {stale} stale module(s) of dead rtdenoise runs");
                }

                if (parse.GetValue(cleanup))
                {
                    return ExitCodes.Ok;
                }

                if (parse.GetValue(inServer))
                {
                    int loopMs = parse.GetValue(latencyMs);
                    if (loopMs is < 1 or > 1000)
                    {
                        throw new UserInputException($"--latency-ms {loopMs}: expected 1..1000 ms (module-loopback's latency_msec).");
                    }

                    return LoadInServer(micName, SourceName(parse.GetValue(shared.Input)), rate, atten, loopMs, parse.GetValue(plugin));
                }

                return RunExternal(parse, shared, micName);
            }
            catch (VirtualMicException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }

    /// <summary>--input for the in-server route is a server source name; "pulse:DEVICE=X" (the PortAudio form) means X.</summary>
    private static string? SourceName(string? input) =>
        input is null ? null : input.StartsWith("pulse:DEVICE=", StringComparison.Ordinal) ? input["pulse:DEVICE=".Length..] : input;

    private static int RunExternal(ParseResult parse, LiveOptions shared, string micName)
    {
        var modules = new PulseModules(micName, parse.GetValue(shared.Rate));
        PulseModules.EnsureNamesFree(modules.SourceName, modules.SinkName);
        LiveRequest request = shared.ToRequest(parse, modules.SinkDeviceString);
        IReadOnlyList<string> loaded = modules.Load();
        Console.Error.WriteLine($"virtual microphone '{modules.SourceName}' is up (record from it; modules {string.Join(", ", loaded)})");
        try
        {
            return LiveRunner.Run(request);
        }
        finally
        {
            foreach (string id in loaded)
            {
                PulseModules.Unload(id);
            }

            Console.Error.WriteLine($"virtual microphone '{modules.SourceName}' removed");
        }
    }

    private static int LoadInServer(string micName, string? input, int rate, float atten, int loopMs, string? pluginOption)
    {
        string pluginPath = PluginLocator.Find(pluginOption);
        PluginProbe.Declared declared = PluginProbe.Read(pluginPath, rate);
        string source = input ?? DefaultSource();
        if (source == micName)
        {
            throw new UserInputException($"--input {source}: that is the microphone being created; choose the real input (pactl list short sources).");
        }

        IReadOnlyList<ServerModule> previous = InServerMic.Remove(micName);
        if (previous.Count > 0)
        {
            Console.Error.WriteLine($"replaced the earlier in-server microphone '{micName}' (unloaded modules {string.Join(", ", previous.Select(m => m.Id))})");
        }

        var mic = new InServerMic(micName, source, rate, atten, loopMs, pluginPath);
        PulseModules.EnsureNamesFree(micName, mic.SinkName, mic.LadspaSinkName);
        IReadOnlyList<string> loaded = mic.Load();
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"virtual microphone '{micName}' is loaded in the sound server (modules {string.Join(", ", loaded)}; input {source}; plugin {pluginPath}, {declared.Name}; declared latency {declared.LatencyMs + loopMs:F1} ms = plugin {declared.LatencyMs:F1} + loopback {loopMs} ms). It stays until `rtdenoise virtual-mic --remove --name {micName}` or the server restarts."));
        return ExitCodes.Ok;
    }

    private static int Remove(string micName)
    {
        IReadOnlyList<ServerModule> removed = InServerMic.Remove(micName);
        if (removed.Count > 0)
        {
            Console.Error.WriteLine($"removed the in-server microphone '{micName}' (modules {string.Join(", ", removed.Select(m => $"{m.Id} {m.Name}"))})");
            return ExitCodes.Ok;
        }

        ServerModule? live = Pactl.Modules().FirstOrDefault(m => m.Mark is { OwnerPid: int } mark && mark.MicName == micName);
        Console.Error.WriteLine(live?.Mark is { OwnerPid: int pid }
            ? $"'{micName}' is the external-route microphone of rtdenoise pid {pid}: it goes when that process ends (Ctrl-C); nothing removed"
            : $"no in-server microphone '{micName}' is loaded (rtdenoise virtual-mic --status lists them); nothing removed");
        return ExitCodes.Ok;
    }

    /// <summary>The server's default source by name, so --status shows what the mic listens to.</summary>
    private static string DefaultSource()
    {
        var (code, output, _) = Pactl.Run("get-default-source");
        string name = output.Trim();
        return code == 0 && name.Length > 0 ? name : "@DEFAULT_SOURCE@";
    }
}
