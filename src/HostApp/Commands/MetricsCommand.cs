using System.CommandLine;
using System.Globalization;
using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Pesq;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// `rtdenoise metrics CLEAN.wav PROCESSED.wav [--json] [--trim]`: STOI, ESTOI (pystoi 0.4.1 compatible), SI-SDR and
/// PESQ (ITU-T P.862 narrow band with the P.862.1 mapping, P.862.2 wide band; <see cref="PesqScores"/> says which
/// rates give which) of a processed file against its clean reference. Multi-channel files are mixed down to the mean
/// of their channels (<see cref="MetricAudio"/>).
/// </summary>
public static class MetricsCommand
{
    public static Command Create()
    {
        Argument<FileInfo> clean = new("clean") { Description = "Clean reference WAV." };
        Argument<FileInfo> processed = new("processed") { Description = "Processed (or noisy) WAV: same rate and length as the reference." };
        Option<bool> json = new("--json") { Description = "Print exactly one line: {\"stoi\":..,\"estoi\":..,\"sisdr_db\":..,\"pesq_nb\":..,\"pesq_wb\":..} (null where a PESQ mode is not defined)." };
        Option<bool> trim = new("--trim") { Description = "Compare only the common length when the files differ in length." };

        Command command = new("metrics", "STOI, ESTOI, SI-SDR and PESQ (NB at 8/16 kHz, WB at 16 kHz; other rates are resampled to 16 kHz) of a processed WAV against its clean reference (multi-channel: mean of the channels).");
        command.Arguments.Add(clean);
        command.Arguments.Add(processed);
        command.Options.Add(json);
        command.Options.Add(trim);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            FileInfo cleanFile = parse.GetValue(clean)!;
            FileInfo processedFile = parse.GetValue(processed)!;
            float[] x = MetricAudio.ReadMono(cleanFile.FullName, out int cleanRate);
            float[] y = MetricAudio.ReadMono(processedFile.FullName, out int processedRate);
            SpeechMetricsResult r = MetricComparison.Compare(
                cleanFile.Name, x, cleanRate, processedFile.Name, y, processedRate, parse.GetValue(trim));
            if (r.Warning is not null)
            {
                Console.Error.WriteLine($"warning: {r.Warning}");
            }

            Console.Out.WriteLine(parse.GetValue(json) ? ToJson(r) : ToText(r));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The one-line JSON form (invariant culture, 6 decimals for STOI/ESTOI, 2 for SI-SDR, 4 for PESQ, whose
    /// reference values are quoted to 4).</summary>
    internal static string ToJson(SpeechMetricsResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"stoi\":{r.Stoi:F6},\"estoi\":{r.Estoi:F6},\"sisdr_db\":{r.SiSdrDb:F2},\"pesq_nb\":{Json(r.Pesq?.NarrowBand)},\"pesq_wb\":{Json(r.Pesq?.WideBand)}}}");

    private static string Json(double? pesq) => pesq is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "null";

    private static string ToText(SpeechMetricsResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"STOI    {r.Stoi:F6}\nESTOI   {r.Estoi:F6}\nSI-SDR  {r.SiSdrDb:F2} dB\nPESQ-NB {Text(r.Pesq?.NarrowBand)}\nPESQ-WB {Text(r.Pesq?.WideBand)}");

    private static string Text(double? pesq) => pesq is double v
        ? v.ToString("F4", CultureInfo.InvariantCulture)
        : "n/a (wide-band PESQ is not defined at 8 kHz)";
}
