using System.CommandLine;
using RtDenoise.Engine.Live;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Commands;

/// <summary>`rtdenoise live`: microphone → denoiser → speakers (or any PortAudio/ALSA device pair).</summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var shared = new LiveOptions();
        Option<string?> output = new("--output")
        {
            Description = "Output device: index, name substring, or ALSA string (pulse:DEVICE=sink). Default: the default output.",
        };
        Command command = new("live", "Denoise a live input device into an output device until Ctrl-C (or --duration).");
        shared.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            Logging.Configure(parse.GetValue(shared.Verbose));
            return LiveRunner.Run(shared.ToRequest(parse, parse.GetValue(output)));
        }));
        return command;
    }
}
