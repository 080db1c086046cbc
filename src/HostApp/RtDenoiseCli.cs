using System.CommandLine;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Commands;

namespace RtDenoise.HostApp;

/// <summary>Builds the `rtdenoise` command tree. Each subcommand lives in its own file under Commands/.</summary>
public static class RtDenoiseCli
{
    public static int Run(string[] args)
    {
        // Before anything can block: the stop signals end every command within two seconds.
        ProcessSignals.Install();
        RootCommand root = new("rtdenoise: real-time speech denoiser with a low-bit quantized DNN");
        foreach (Command command in AllCommands())
        {
            root.Subcommands.Add(command);
        }

        if (args.Length == 0)
        {
            // No command: the usage (as --help prints it) on stderr, and the bad-input exit code.
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
            return ExitCodes.BadInput;
        }

        // No response files: an argument starting with '@' is a value ("@DEFAULT_MONITOR@" names a PulseAudio source),
        // never a file whose contents replace it.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            // Each missing argument yields the same message ("Required argument missing for command"); print it once.
            foreach (string message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
            {
                Console.Error.WriteLine($"error: {message}");
            }

            return ExitCodes.BadInput;
        }

        return parse.Invoke();
    }

    /// <summary>One line per command: keep this list sorted; merge conflicts stay one-liners.</summary>
    private static IEnumerable<Command> AllCommands()
    {
        yield return CalibrateCommand.Create();
        yield return DenoiseCommand.Create();
        yield return DevicesCommand.Create();
        yield return EvalCommand.Create();
        yield return Commands.Plugins.LadspaProbeCommand.Create();
        yield return LiveCommand.Create();
        yield return MakeDevsetCommand.Create();
        yield return MetricsCommand.Create();
        yield return ModelInfoCommand.Create();
        yield return PluginsCommand.Create();
        yield return QuantReportCommand.Create();
        yield return QuantizeCommand.Create();
        yield return ReapModulesCommand.Create();
        yield return TrainCommand.Create();
        yield return VirtualMicCommand.Create();
        yield return VirtualSpeakerCommand.Create();
    }
}
