using System.Globalization;
using RtDenoise.Offline.Audio;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>
/// Reads a STOI reference folder (pystoi 0.4.1 values): <see cref="Fixtures"/> is the 4-row subset carried by this
/// test project (Fixtures/stoi, see its README); <see cref="SharedFolder"/> is the full 41-row set in
/// ../shared/reference/stoi beside the repository (or beside one of its parents), when there is one.
/// </summary>
internal sealed class StoiReferenceData
{
    private StoiReferenceData(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>The subset copied into this repository (always present).</summary>
    public static StoiReferenceData Fixtures { get; } = new(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stoi"));

    /// <summary>The full reference set, or null on a clone without ../shared.</summary>
    public static StoiReferenceData? SharedFolder()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Realtime.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        for (string? dir = root is null ? null : Path.GetDirectoryName(root); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string folder = Path.Combine(dir, "shared", "reference", "stoi");
            if (File.Exists(Path.Combine(folder, "expected.tsv")))
            {
                return new StoiReferenceData(folder);
            }
        }

        return null;
    }

    public IReadOnlyList<(string Clean, string Processed, int SampleRate, double Stoi, double Estoi)> Rows() =>
        ReadTable("expected.tsv", ["clean", "processed", "sample_rate", "stoi", "estoi"]);

    private List<(string, string, int, double, double)> ReadTable(string file, string[] header)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, file));
        Assert.Equal(header, lines[0].Split('\t'));
        var rows = new List<(string, string, int, double, double)>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split('\t');
            rows.Add((f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>
    /// Fixtures/stoi/derived.tsv: rows whose processed signal is rebuilt from the clean one
    /// (<see cref="StoiDerivedSignals"/>), with the reference's values for the original file verbatim.
    /// </summary>
    public IReadOnlyList<(string Clean, string Transform, int SampleRate, double Stoi, double Estoi)> DerivedRows() =>
        ReadTable("derived.tsv", ["clean", "transform", "sample_rate", "stoi", "estoi"]);

    /// <summary>Samples of a reference WAV (all of them are mono float32) converted to double.</summary>
    public double[] ReadMono(string name, out int sampleRate)
    {
        float[][] channels = WavReader.ReadAllChannels(Path.Combine(Folder, name), out sampleRate);
        Assert.Single(channels);
        return channels[0].Select(v => (double)v).ToArray();
    }
}
