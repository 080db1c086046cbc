namespace RtDenoise.Training.Data;

/// <summary>One row of <c>MANIFEST.tsv</c> (columns: file, duration_s, kind, category, source, source_path, licence,
/// speaker_id, note).</summary>
public sealed record ManifestEntry(string File, double DurationS, string Kind, string Category, string Licence, string SpeakerId)
{
    /// <summary>Largest manifest read (the shared corpus's is well under 1 MiB).</summary>
    public const long MaxManifestBytes = 16L * 1024 * 1024;

    /// <summary>The 1-based line of the manifest this row came from, for messages about the file it lists.</summary>
    public int Line { get; init; }

    /// <summary>Reads a corpus manifest; throws <see cref="InvalidDataException"/> naming the file, the line and
    /// what is wrong with it.</summary>
    public static IReadOnlyList<ManifestEntry> Read(string path)
    {
        byte[] bytes = RtDenoise.Engine.IO.BoundedFile.ReadAll(path, "corpus manifest", MaxManifestBytes, why => new InvalidDataException(why));
        string[] lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        if (lines.Length == 0 || !lines[0].StartsWith("file\t", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}:1: the first line must be the header starting with 'file' and a tab.");
        }

        var rows = new List<ManifestEntry>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length > 0)
            {
                rows.Add(ParseRow(line, path, i + 1));
            }
        }

        return rows;
    }

    private static ManifestEntry ParseRow(string line, string path, int lineNo)
    {
        const int Columns = 8;
        string[] c = line.Split('\t');
        if (c.Length < Columns)
        {
            throw new InvalidDataException($"{path}:{lineNo}: {c.Length} tab-separated columns, expected at least {Columns} (file, duration_s, kind, category, source, source_path, licence, speaker_id).");
        }

        if (c[0].Length == 0 || Path.IsPathRooted(c[0]) || c[0].Split('/').Contains(".."))
        {
            throw new InvalidDataException($"{path}:{lineNo}: file '{c[0]}' must be a path inside the corpus folder.");
        }

        if (!double.TryParse(c[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double dur)
            || !double.IsFinite(dur) || dur <= 0)
        {
            throw new InvalidDataException($"{path}:{lineNo}: duration_s '{c[1]}' is not a positive number of seconds.");
        }

        return new ManifestEntry(c[0], dur, c[2], c[3], c[6], c[7]) { Line = lineNo };
    }
}
