using System.Globalization;
using RtDenoise.Engine.Audio;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>
/// Locates and reads ../shared/reference/stoi (pystoi 0.4.1 values, see its README). The folder is found by walking
/// up from the test binary to the directory holding Realtime.sln and looking for shared/ beside it (or beside one of
/// its parents); its absence is a failure, not a skip, because CI always has it.
/// </summary>
internal static class StoiReferenceData
{
    public static string Folder
    {
        get
        {
            string? root = AppContext.BaseDirectory;
            while (root is not null && !File.Exists(Path.Combine(root, "Realtime.sln")))
            {
                root = Path.GetDirectoryName(root);
            }

            Assert.True(root is not null, $"no Realtime.sln above {AppContext.BaseDirectory}");

            // ../shared beside the repository (CI, the main checkout); a git worktree nested deeper (wt/NAME) finds
            // the same folder beside one of its ancestors.
            for (string? dir = Path.GetDirectoryName(root); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string folder = Path.Combine(dir, "shared", "reference", "stoi");
                if (File.Exists(Path.Combine(folder, "expected.tsv")))
                {
                    return folder;
                }
            }

            Assert.Fail($"STOI reference missing: no shared/reference/stoi/expected.tsv beside {root} or its parents");
            return string.Empty;
        }
    }

    public static IReadOnlyList<(string Clean, string Processed, int SampleRate, double Stoi, double Estoi)> Rows()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, "expected.tsv"));
        Assert.Equal(["clean", "processed", "sample_rate", "stoi", "estoi"], lines[0].Split('\t'));
        var rows = new List<(string, string, int, double, double)>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] f = line.Split('\t');
            rows.Add((f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>Samples of a reference WAV (all of them are mono float32) converted to double.</summary>
    public static double[] ReadMono(string name, out int sampleRate)
    {
        float[][] channels = WavReader.ReadAllChannels(Path.Combine(Folder, name), out sampleRate);
        Assert.Single(channels);
        return channels[0].Select(v => (double)v).ToArray();
    }
}
