using System.CommandLine;
using System.Globalization;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;
using RtDenoise.HostApp.Options;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// `rtdenoise virtual-speaker`: a denoised output device apps play into (the other side of a call is noisy too).
/// --in-server loads our LADSPA plugin into the sound server as one module-ladspa-sink named --name whose master is
/// the real output (<see cref="InServerSpeaker"/>) and returns; the speaker stays until --remove or the server
/// restarts. --status lists the speakers loaded. Creation, replacement and removal are the in-server microphone's
/// (<see cref="InServerInstall"/>, <see cref="InServerRemoval"/>), under the speaker's own mark.
/// </summary>
public static class VirtualSpeakerCommand
{
    public const string DefaultName = "rtdenoise_speaker";

    public static Command Create()
    {
        Option<string> name = new("--name") { Description = "Name of the virtual speaker (a PulseAudio sink apps play into).", DefaultValueFactory = _ => DefaultName };
        Option<bool> inServer = new("--in-server") { Description = "Load the speaker into the sound server (the rtdenoise LADSPA plugin in a module-ladspa-sink playing on --output) and exit; it stays until --remove or the server restarts." };
        Option<bool> remove = new("--remove") { Description = "Unload the virtual speaker --name (only the module marked as that speaker)." };
        Option<bool> status = new("--status") { Description = "Show the rtdenoise speakers loaded in the server: modules, output, plugin, model, declared latency." };
        Option<string?> output = new("--output") { Description = "--in-server: the sink the denoised audio plays on (pactl list short sinks; default: the server's default sink)." };
        Option<int> rate = new("--rate") { Description = "--in-server: the sample rate the speaker's sink and the plugin run at, in Hz.", DefaultValueFactory = _ => 48000 };
        Option<string?> plugin = PluginLocator.CreateOption("--in-server");
        Option<bool> json = new("--json") { Description = "--status: one JSON line on stdout." };
        var processor = new ProcessorOptions(); // only its --atten-lim: the plugin's one control, with the same meaning everywhere
        Command command = new("virtual-speaker", "A denoised virtual speaker (PulseAudio/PipeWire sink): what apps play into it is denoised and played on the real output.");
        foreach (Option o in new Option[] { name, inServer, remove, status, output, processor.AttenLim, rate, plugin, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => CommandGuard.Run(() =>
        {
            string speakerName = PulseModules.CheckName(parse.GetValue(name)!, "sink");
            Option<bool>[] given = [.. new[] { inServer, remove, status }.Where(parse.GetValue)];
            if (given.Length != 1)
            {
                throw new UserInputException(given.Length == 0
                    ? "virtual-speaker needs an action: --in-server (load the speaker), --remove or --status."
                    : "--in-server, --remove and --status are separate actions: give one.");
            }

            if (!given.Contains(inServer) && parse.FirstGiven(output, processor.AttenLim, rate, plugin) is { } inServerOption)
            {
                throw new UserInputException($"{inServerOption.Name} applies to --in-server only.");
            }

            if (!given.Contains(status) && parse.FirstGiven(json) is { } jsonOption)
            {
                throw new UserInputException($"{jsonOption.Name} applies to --status only.");
            }

            try
            {
                if (given[0] == inServer)
                {
                    // Everything that needs no server is checked before it is asked anything.
                    int hz = ServerRate.Check(parse.GetValue(rate));
                    string? sink = parse.GetValue(output) is { } o ? ModuleArgument.CheckDeviceName(o, "--output", "sinks") : null;
                    float atten = processor.AttenuationLimit(parse) ?? InServerDefaults.AttenuationLimitDb;
                    return Load(Pactl.Default, speakerName, sink, hz, atten, parse.GetValue(plugin));
                }

                Pactl pactl = Pactl.Default;
                pactl.CheckServer();
                return given[0] == remove ? Remove(pactl, speakerName) : PrintStatus(pactl, parse.GetValue(json));
            }
            catch (VirtualMicException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }

    private static int Load(Pactl pactl, string name, string? output, int rate, float atten, string? plugin)
    {
        string pluginPath = PluginLocator.Find(plugin);
        PluginProbe.Declared declared = PluginProbe.Check(pluginPath, rate);
        _ = ModuleArgument.Quoted("plugin", pluginPath, "--plugin"); // refuses a path no module argument can carry, before the server is asked anything
        pactl.CheckServer();
        output ??= DefaultOutput(pactl, name);
        var speaker = new InServerSpeaker(name, output, rate, atten, pluginPath);
        var (loaded, replaced) = new InServerInstall(pactl).Run(speaker);
        if (replaced.Count > 0)
        {
            Console.Error.WriteLine($"replaced the earlier virtual speaker '{name}' (unloaded modules {string.Join(", ", replaced.Select(m => m.Id))})");
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"virtual speaker '{name}' is loaded in the sound server (module {string.Join(", ", loaded)}; plays on {output}; plugin {pluginPath}, {declared.Name}; declared latency {declared.LatencyMs:F1} ms). Play into it (e.g. choose it as the call's output); it stays until `rtdenoise virtual-speaker --remove --name {name}` or the server restarts."));
        return ExitCodes.Ok;
    }

    /// <summary>The server's default sink, which must not be the speaker itself.</summary>
    private static string DefaultOutput(Pactl pactl, string name)
    {
        string sink = pactl.DefaultSink() ?? throw new UserInputException("the server has no default sink: give --output SINK (pactl list short sinks lists them).");
        if (sink != name)
        {
            return sink;
        }

        // Apps are meant to play into the speaker, so it is often made the default sink: loading it again must not
        // make it its own output.
        string now = InServerSpeaker.Find(pactl.Modules(), name).FirstOrDefault()?.Argument("sink_master") is { } master ? $" (it plays on {master} now)" : string.Empty;
        throw new UserInputException($"the server's default sink is the speaker '{name}' itself: give --output SINK, the real output{now} (pactl list short sinks lists them).");
    }

    private static int Remove(Pactl pactl, string name)
    {
        IReadOnlyList<ServerModule> modules = pactl.Modules();
        if (InServerRemoval.Run(pactl, modules, DeviceKind.Speaker, name, [], InServerSpeaker.SinksOf(name), Console.Error) is int code)
        {
            return code;
        }

        Console.Error.WriteLine(InServerRemoval.NothingToRemove(modules, DeviceKind.Speaker, name));
        return ExitCodes.Ok;
    }

    private static int PrintStatus(Pactl pactl, bool json)
    {
        var entries = SpeakerStatus.Collect(pactl.Modules());
        if (json)
        {
            SpeakerStatus.PrintJson(entries, Console.Out);
        }
        else
        {
            SpeakerStatus.Print(entries, Console.Out);
        }

        return ExitCodes.Ok;
    }
}
