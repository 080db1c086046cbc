using System.CommandLine;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// `rtdenoise virtual-mic`: creates a null sink NAME_sink and a source NAME remapped from its monitor, streams
/// denoised audio into the sink, and removes both modules on exit (stale ones from a crashed run on the next start,
/// or with --cleanup alone).
/// </summary>
public static class VirtualMicCommand
{
    public static Command Create()
    {
        var shared = new LiveOptions();
        Option<string> name = new("--name") { Description = "Name of the virtual microphone (a PulseAudio source).", DefaultValueFactory = _ => "rtdenoise_mic" };
        Option<bool> cleanup = new("--cleanup") { Description = "Only remove modules left by an earlier run with this --name, then exit." };
        Command command = new("virtual-mic", "Denoise an input device into a virtual microphone other programs can record from (PulseAudio/PipeWire).");
        shared.AddTo(command);
        command.Options.Add(name);
        command.Options.Add(cleanup);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            Logging.Configure(parse.GetValue(shared.Verbose));
            var modules = new PulseModules(parse.GetValue(name)!, parse.GetValue(shared.Rate));
            try
            {
                PulseModules.CheckServer();
                int stale = modules.RemoveStale();
                if (stale > 0)
                {
                    Console.Error.WriteLine($"removed {stale} stale module(s) of '{modules.SourceName}'");
                }

                if (parse.GetValue(cleanup))
                {
                    return ExitCodes.Ok;
                }

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
            catch (VirtualMicException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }
}
