using System.Text.Json;

namespace RtDenoise.HostApp.Live;

/// <summary>What the --status --json writers of the virtual devices share.</summary>
internal static class StatusJson
{
    /// <summary>A number rounded to 3 decimals (the probe's float noise is not information), or null when unknown.</summary>
    public static void WriteRounded(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v)
        {
            w.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes a JSON document built by <paramref name="write"/> as one line.</summary>
    public static void WriteLine(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            write(w);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
