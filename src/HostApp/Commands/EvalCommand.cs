using System.CommandLine;
using System.Globalization;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Commands.Eval;
using RtDenoise.HostApp.Options;
using Spectre.Console;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// `rtdenoise eval --clean DIR --noisy DIR [--model PATH] [--processor ...] [--out DIR] [--json]`: denoises every
/// noisy/NAME.wav that has a clean/NAME.wav and reports mean STOI, ESTOI, SI-SDR and PESQ of the noisy and processed
/// files, their differences, the noise attenuation in speech pauses and the speech level change in speech frames
/// (<see cref="RtDenoise.Offline.Metrics.SuppressionMetrics"/>), and the real-time factor. Multi-channel files are scored on the mean of their channels.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        Option<DirectoryInfo> clean = new("--clean") { Description = "Folder of clean reference WAVs (NAME.wav).", Required = true };
        Option<DirectoryInfo> noisy = new("--noisy") { Description = "Folder of noisy WAVs; each NAME.wav is matched with clean/NAME.wav.", Required = true };
        Option<DirectoryInfo?> output = new("--out") { Description = "Write the denoised files here (created if missing). Default: not kept." };
        Option<bool> json = new("--json") { Description = "Print one JSON line: {\"files\":N,\"noisy\":{..},\"processed\":{..},\"rtf\":..,\"failed\":F}." };
        Option<int> jobs = new("--jobs")
        {
            Description = "Files evaluated in parallel (default: 2, or 1 on a single core).",
            DefaultValueFactory = _ => Math.Min(2, Environment.ProcessorCount),
        };
        Option<bool> quiet = new("--quiet") { Description = "No progress bar." };
        Option<bool> verbose = new("--verbose") { Description = "Debug logging on stderr." };
        var processor = new ProcessorOptions();

        Command command = new("eval", "Denoise a folder of noisy WAVs and score them against their clean references (STOI, ESTOI, SI-SDR, PESQ, RTF).");
        command.Options.Add(clean);
        command.Options.Add(noisy);
        processor.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(jobs);
        command.Options.Add(quiet);
        command.Options.Add(verbose);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            Logging.Configure(parse.GetValue(verbose));
            DirectoryInfo cleanDir = RequireFolder(parse.GetValue(clean)!, "--clean");
            DirectoryInfo noisyDir = RequireFolder(parse.GetValue(noisy)!, "--noisy");
            DirectoryInfo? outDir = parse.GetValue(output);
            int parallel = parse.GetValue(jobs);
            if (parallel < 1)
            {
                throw new UserInputException($"--jobs must be at least 1 (got {parallel}).");
            }

            if (outDir is not null)
            {
                InputOverwriteGuard.Refuse("--out", outDir.FullName, "the --noisy folder", noisyDir.FullName);
                InputOverwriteGuard.Refuse("--out", outDir.FullName, "the --clean folder", cleanDir.FullName);

                outDir.Create();
            }

            var factory = processor.Resolve(parse);
            var runner = new EvalRunner(cleanDir, noisyDir, outDir, factory, parallel);
            using var signals = new TerminationSignals(ProcessSignals.FileGraceTime);
            EvalSummary summary;
            try
            {
                summary = StderrProgress.Run("evaluating", !parse.GetValue(quiet), report => runner.Run(report, signals.Token));
            }
            catch (OperationCanceledException) when (signals.Received is not null)
            {
                Console.Error.WriteLine(signals.Message("eval"));
                return signals.ExitCode;
            }

            foreach (EvalFailure f in summary.Failures)
            {
                Console.Error.WriteLine($"skipped {f.File}: {f.Reason}");
            }

            foreach (string w in summary.Warnings)
            {
                Console.Error.WriteLine($"warning: {w}");
            }

            if (summary.Files == 0)
            {
                Console.Error.WriteLine($"error: none of the {summary.Failures.Count} noisy files could be evaluated.");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToJson(summary));
            }
            else
            {
                WriteTable(summary);
            }

            // A run that skipped files did not evaluate the set it was given: like batch mode, it fails (exit 1).
            return summary.Failures.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
        }));
        return command;
    }

    internal static string ToJson(EvalSummary s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"files\":{s.Files},\"noisy\":{Means(s.Noisy)},\"processed\":{Means(s.Processed)},\"delta\":{Means(s.Processed.Minus(s.Noisy))},\"pause_attenuation_db\":{Db(s.Suppression.PauseAttenuationDb)},\"speech_level_change_db\":{Db(s.Suppression.SpeechLevelChangeDb)},\"rtf\":{s.RealTimeFactor:F5},\"failed\":{s.Failures.Count}}}");

    private static string Db(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "null";

    /// <summary>The table's form of a figure no evaluated file had frames for ("null" is JSON's).</summary>
    private static string TableDb(double v) => double.IsFinite(v) ? Db(v) : "n/a (no such frames)";

    private static string Means(MetricMeans m) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"stoi\":{m.Stoi:F6},\"estoi\":{m.Estoi:F6},\"sisdr_db\":{m.SiSdrDb:F2},\"pesq_nb\":{Pesq(m.PesqNb)},\"pesq_wb\":{Pesq(m.PesqWb)}}}");

    private static string Pesq(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "null";

    private static void WriteTable(EvalSummary s)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("noisy").RightAligned())
            .AddColumn(new TableColumn("processed").RightAligned()).AddColumn(new TableColumn("Δ").RightAligned());
        CultureInfo c = CultureInfo.InvariantCulture;
        table.AddRow("STOI", s.Noisy.Stoi.ToString("F4", c), s.Processed.Stoi.ToString("F4", c), (s.Processed.Stoi - s.Noisy.Stoi).ToString("+0.0000;-0.0000", c));
        table.AddRow("ESTOI", s.Noisy.Estoi.ToString("F4", c), s.Processed.Estoi.ToString("F4", c), (s.Processed.Estoi - s.Noisy.Estoi).ToString("+0.0000;-0.0000", c));
        table.AddRow("SI-SDR (dB)", s.Noisy.SiSdrDb.ToString("F2", c), s.Processed.SiSdrDb.ToString("F2", c), (s.Processed.SiSdrDb - s.Noisy.SiSdrDb).ToString("+0.00;-0.00", c));
        table.AddRow("PESQ NB (MOS-LQO)", Cell(s.Noisy.PesqNb), Cell(s.Processed.PesqNb), Delta(s.Processed.PesqNb - s.Noisy.PesqNb));
        table.AddRow("PESQ WB (MOS-LQO)", Cell(s.Noisy.PesqWb), Cell(s.Processed.PesqWb), Delta(s.Processed.PesqWb - s.Noisy.PesqWb));
        table.AddRow("noise attenuation in pauses (dB)", "0.00", TableDb(s.Suppression.PauseAttenuationDb), "");
        table.AddRow("speech level change (dB)", "0.00", TableDb(s.Suppression.SpeechLevelChangeDb), "");
        console.Write(table);
        Console.Out.WriteLine(string.Create(c, $"{s.Files} files evaluated, {s.Failures.Count} skipped; real-time factor {s.RealTimeFactor:F4} (denoising time / audio time, per core)"));
    }

    private static string Cell(double pesq) => double.IsFinite(pesq) ? pesq.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    private static string Delta(double v) => double.IsFinite(v) ? v.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture) : "";

    private static DirectoryInfo RequireFolder(DirectoryInfo dir, string option) =>
        dir.Exists ? dir : throw new UserInputException($"{option} '{dir.FullName}' is not an existing folder.");
}
