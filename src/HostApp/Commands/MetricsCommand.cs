using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
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
        Option<bool> json = new("--json") { Description = "Print exactly one line: {\"stoi\":..,\"estoi\":..,\"sisdr_db\":..,\"pesq_nb\":..,\"pesq_wb\":..} (null where a PESQ mode is not defined; for pairs longer than PESQ's bound, null and \"pesq_skipped\": the reason)." };
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
            SpeechMetricsResult r = MetricComparison.CompareFiles(cleanFile.FullName, processedFile.FullName, parse.GetValue(trim));
            if (r.Warning is not null)
            {
                Console.Error.WriteLine($"warning: {r.Warning}");
            }

            if (r.PesqSkipped is not null)
            {
                Console.Error.WriteLine($"note: {r.PesqSkipped}");
            }

            Console.Out.WriteLine(parse.GetValue(json) ? ToJson(r) : ToText(r));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The one-line JSON form (invariant culture, 6 decimals for STOI/ESTOI, 2 for SI-SDR, 4 for PESQ, whose
    /// reference values are quoted to 4), plus <c>"pesq_skipped"</c> with the reason when PESQ was not computed.</summary>
    internal static string ToJson(SpeechMetricsResult r)
    {
        string json = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"stoi\":{r.Stoi:F6},\"estoi\":{r.Estoi:F6},\"sisdr_db\":{r.SiSdrDb:F2},\"pesq_nb\":{Json(r.Pesq?.NarrowBand)},\"pesq_wb\":{Json(r.Pesq?.WideBand)}");
        return r.PesqSkipped is null ? json + "}" : $"{json},\"pesq_skipped\":\"{JsonEncodedText.Encode(r.PesqSkipped, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"}}";
    }

    private static string Json(double? pesq) => pesq is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "null";

    private static string ToText(SpeechMetricsResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"STOI    {r.Stoi:F6}\nESTOI   {r.Estoi:F6}\nSI-SDR  {r.SiSdrDb:F2} dB\nPESQ-NB {Text(r.Pesq?.NarrowBand, r)}\nPESQ-WB {Text(r.Pesq?.WideBand, r)}");

    private static string Text(double? pesq, SpeechMetricsResult r) => pesq is double v
        ? v.ToString("F4", CultureInfo.InvariantCulture)
        : r.PesqSkipped is not null ? "n/a (longer than PESQ's bound; see the note above)" : "n/a (wide-band PESQ is not defined at 8 kHz)";
}
