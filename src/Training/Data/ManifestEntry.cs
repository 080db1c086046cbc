namespace RtDenoise.Training.Data;

/// <summary>One row of <c>MANIFEST.tsv</c> (columns: file, duration_s, kind, category, source, source_path, licence,
/// speaker_id, note).</summary>
public sealed record ManifestEntry(string File, double DurationS, string Kind, string Category, string Licence, string SpeakerId)
{
    /// <summary>Reads a corpus manifest; throws <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static IReadOnlyList<ManifestEntry> Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: corpus manifest not found.", path);
        }

        var rows = new List<ManifestEntry>();
        string[] lines = System.IO.File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith("file\t", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: first line must be the header starting with 'file'.");
        }

        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            string[] c = lines[i].Split('\t');
            if (c.Length < 8 || !double.TryParse(c[1], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out double dur))
            {
                throw new InvalidDataException($"{path}:{i + 1}: expected ≥ 8 tab-separated columns with a numeric duration.");
            }

            rows.Add(new ManifestEntry(c[0], dur, c[2], c[3], c[6], c[7]));
        }

        return rows;
    }
}
