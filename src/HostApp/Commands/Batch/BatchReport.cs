using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>The end of a batch run: each failure on stderr, then one summary line on stdout (text, or one JSON
/// line).</summary>
public static class BatchReport
{
    public static void WriteFailures(BatchResult r, TextWriter stderr)
    {
        foreach (BatchFailure f in r.Failures)
        {
            // Engine messages usually name the file already; add it only when they do not.
            stderr.WriteLine(f.Message.Contains(f.InputPath, StringComparison.Ordinal) ? $"error: {f.Message}" : $"error: {f.InputPath}: {f.Message}");
        }
    }

    public static string Text(BatchResult r)
    {
        string shard = r.Shard.Count > 1 ? $" (shard {r.Shard} of {r.Found} files)" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{r.Succeeded} of {r.Selected} files denoised{shard}, {r.Failures.Count} failed; {r.InputSeconds:F1} s of audio in {r.WallSeconds:F2} s ({r.FilesPerSecond:F1} files/s){Guarded(r)}");
    }

    /// <summary>"; 3 non-finite or out-of-range input samples zeroed/clipped, 1 state resets" when the guard acted.</summary>
    private static string Guarded(BatchResult r) => r.SanitisedSamples == 0 && r.StateResets == 0
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $"; {r.SanitisedSamples} non-finite or out-of-range input samples zeroed/clipped, {r.StateResets} state resets");

    public static string Json(BatchResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("found", r.Found);
            w.WriteNumber("files", r.Selected);
            w.WriteNumber("succeeded", r.Succeeded);
            w.WriteNumber("failed", r.Failures.Count);
            w.WriteString("shard", r.Shard.ToString());
            w.WriteNumber("input_seconds", Math.Round(r.InputSeconds, 3));
            w.WriteNumber("wall_seconds", Math.Round(r.WallSeconds, 3));
            w.WriteNumber("sanitised_samples", r.SanitisedSamples);
            w.WriteNumber("state_resets", r.StateResets);
            w.WriteStartArray("failures");
            foreach (BatchFailure f in r.Failures)
            {
                w.WriteStartObject();
                w.WriteString("file", f.InputPath);
                w.WriteString("error", f.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
