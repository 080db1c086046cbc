using System.CommandLine;
using System.Globalization;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Commands.Batch;
using RtDenoise.HostApp.Options;
using RtDenoise.Offline.Audio;
using Serilog;

namespace RtDenoise.HostApp.Commands;

/// <summary>`rtdenoise denoise IN.wav OUT.wav`: file mode, latency-compensated, same format and length; with
/// `--out-dir DIR`, batch mode over many files (Batch/).</summary>
public static class DenoiseCommand
{
    private const double ProgressThresholdSeconds = 10;

    public static Command Create()
    {
        Argument<string[]> paths = new("paths")
        {
            Description = "IN.wav OUT.wav (input: PCM 8/16/24/32-bit or float, any rate, any channel count; output: same rate, channels, sample format and length), or with --out-dir: IN... (files, folders, quoted globs).",
            Arity = ArgumentArity.OneOrMore,
        };
        EmptyPathCheck.AddTo("denoise", paths);
        Option<bool> json = new("--json") { Description = "Print a one-line JSON summary on stdout." };
        Option<bool> quiet = new("--quiet") { Description = "Print nothing on success (no progress bar, no summary)." };
        Option<bool> verbose = new("--verbose") { Description = "Debug logging on stderr." };
        var processor = new ProcessorOptions();
        var chain = new ChainOptions();
        var batch = new BatchOptions();

        Command command = new("denoise", "Denoise a WAV file (IN.wav OUT.wav), or many into a folder (IN... --out-dir DIR).");
        command.Arguments.Add(paths);
        processor.AddTo(command);
        chain.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.Options.Add(verbose);
        batch.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            Logging.Configure(parse.GetValue(verbose));
            string[] given = parse.GetValue(paths)!;
            BatchRequest? batchRequest = batch.IsBatch(parse) ? batch.ToRequest(parse, given) : null;
            if (batchRequest is null)
            {
                batch.RejectOutsideBatch(parse);
                if (given.Length != 2)
                {
                    throw new UserInputException($"denoise takes IN.wav OUT.wav, or IN... --out-dir DIR for many files (got {given.Length} paths).");
                }
            }

            Func<int, Engine.Chain.IAudioProcessor> factory = chain.Resolve(parse, processor) ?? processor.ResolveProcessor(parse);
            // SIGINT/SIGTERM/SIGHUP cancel the run so the output's temporary file is deleted.
            using var signals = new TerminationSignals(ProcessSignals.FileGraceTime);
            try
            {
                if (batchRequest is not null)
                {
                    return BatchDenoise.Run(batchRequest, factory, parse.GetValue(json), parse.GetValue(quiet), signals.Token);
                }

                FileInfo inFile = new(given[0]);
                FileInfo outFile = new(given[1]);
                bool showProgress = !parse.GetValue(quiet) && IsLong(inFile);
                OfflineDenoiseResult result = StderrProgress.Run(
                    $"denoising {inFile.Name}",
                    showProgress,
                    report => OfflineDenoiser.Run(inFile.FullName, outFile.FullName, factory, report, signals.Token));
                Log.Information("{Input} → {Output}: {Seconds:F2} s of audio in {Proc:F2} s (RTF {Rtf:F4})", inFile, outFile, result.InputSeconds, result.ProcessingSeconds, result.RealTimeFactor);
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(DenoiseJson.Summary(result));
                }
                else if (!parse.GetValue(quiet))
                {
                    Console.Out.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{outFile.Name}: {result.InputSeconds:F2} s, {result.Channels} ch, {result.SampleRate} Hz, processor {result.Processor}, {result.ProcessingSeconds:F2} s (RTF {result.RealTimeFactor:F4}), latency {result.LatencyMilliseconds:F2} ms compensated{NonFiniteNote(result)}"));
                }
            }
            catch (OperationCanceledException) when (signals.Received is not null)
            {
                Console.Error.WriteLine(signals.Message("denoise"));
                return signals.ExitCode;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>", 3 non-finite or out-of-range input samples zeroed/clipped, 1 state reset" when the guard
    /// acted.</summary>
    internal static string NonFiniteNote(OfflineDenoiseResult r) =>
        r.SanitisedSamples == 0 && r.StateResets == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", {r.SanitisedSamples} non-finite or out-of-range input samples zeroed/clipped, {r.StateResets} state resets");

    private static bool IsLong(FileInfo file)
    {
        try
        {
            using WavReader r = WavReader.Open(file.FullName);
            return r.DurationSeconds > ProgressThresholdSeconds;
        }
        catch (Offline.Audio.InvalidAudioFileException)
        {
            return false; // the run itself reports the problem
        }
    }
}
