using System.Text;
using System.Text.Json;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Commands;

/// <summary>`denoise --json`'s one-line summary, written with <see cref="Utf8JsonWriter"/> (as model-info and batch
/// mode do) so any processor label, a LADSPA plugin's with quotes or control characters included, stays valid JSON.</summary>
internal static class DenoiseJson
{
    public static string Summary(OfflineDenoiseResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("input_seconds", Math.Round(r.InputSeconds, 3));
            w.WriteNumber("processing_seconds", Math.Round(r.ProcessingSeconds, 3));
            w.WriteNumber("rtf", Math.Round(r.RealTimeFactor, 5));
            w.WriteNumber("latency_ms", Math.Round(r.LatencyMilliseconds, 3));
            w.WriteString("processor", r.Processor);
            w.WriteNumber("sample_rate", r.SampleRate);
            w.WriteNumber("channels", r.Channels);
            w.WriteNumber("sanitised_samples", r.SanitisedSamples);
            w.WriteNumber("state_resets", r.StateResets);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
