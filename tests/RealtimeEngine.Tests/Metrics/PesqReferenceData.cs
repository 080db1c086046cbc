using System.Globalization;
using RtDenoise.Offline.Audio;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>
/// Reads a PESQ reference folder (ITU-T reference code via the Python <c>pesq</c> package): <see cref="Fixtures"/> is
/// the 7-row subset carried by this test project (Fixtures/pesq, see its README); <see cref="SharedFolder"/> is the
/// full 72-row set in ../shared/reference/pesq beside the repository (or beside one of its parents), when there is one.
/// </summary>
internal sealed class PesqReferenceData
{
    private PesqReferenceData(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>The subset copied into this repository (always present).</summary>
    public static PesqReferenceData Fixtures { get; } = new(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pesq"));

    /// <summary>The full reference set, or null on a clone without ../shared.</summary>
    public static PesqReferenceData? SharedFolder()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Realtime.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        for (string? dir = root is null ? null : Path.GetDirectoryName(root); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string folder = Path.Combine(dir, "shared", "reference", "pesq");
            if (File.Exists(Path.Combine(folder, "expected.tsv")))
            {
                return new PesqReferenceData(folder);
            }
        }

        return null;
    }

    /// <summary>Rows of expected.tsv; <c>WideBand</c> is null for 8 kHz rows (the wide-band column is empty there).</summary>
    public IReadOnlyList<(string Reference, string Degraded, int SampleRate, double NarrowBand, double? WideBand)> Rows()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, "expected.tsv"));
        Assert.Equal(["reference", "degraded", "sample_rate", "pesq_nb_mos_lqo", "pesq_wb_mos_lqo"], lines[0].Split('\t'));
        var rows = new List<(string, string, int, double, double?)>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split('\t');
            double? wideBand = f.Length > 4 && f[4].Length > 0 ? double.Parse(f[4], CultureInfo.InvariantCulture) : null;
            rows.Add((f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), wideBand));
        }

        return rows;
    }

    /// <summary>Samples of a reference WAV (all of them are mono float32).</summary>
    public float[] ReadMono(string name, out int sampleRate)
    {
        float[][] channels = WavReader.ReadAllChannels(Path.Combine(Folder, name), out sampleRate);
        Assert.Single(channels);
        return channels[0];
    }
}
