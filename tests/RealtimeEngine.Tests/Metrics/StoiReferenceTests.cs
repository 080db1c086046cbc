using RtDenoise.Offline.Metrics;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>STOI/ESTOI against pystoi 0.4.1 values, within 0.002: the in-repository subset always (4 rows from files,
/// 16 rebuilt from the clean files: 20 of 41), all 41 rows of ../shared/reference/stoi when that folder exists.</summary>
public class StoiReferenceTests
{
    private const double Tolerance = 0.002;

    private readonly ITestOutputHelper _output;

    public StoiReferenceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryFixtureRowMatchesWithin0002()
    {
        var data = StoiReferenceData.Fixtures;
        Assert.Equal(4, data.Rows().Count);
        Check(FileCases(data));
    }

    [Fact]
    public void EveryDerivedFixtureRowMatchesWithin0002()
    {
        var data = StoiReferenceData.Fixtures;
        var rows = data.DerivedRows();
        Assert.Equal(16, rows.Count);
        Check(rows.Select(row =>
        {
            double[] clean = data.ReadMono(row.Clean, out int fs);
            Assert.Equal(row.SampleRate, fs);
            double[] processed = StoiDerivedSignals.Make(row.Transform, clean, fs);
            return new Case($"{row.Clean[..2]}_{row.Transform} (rebuilt)", clean, processed, fs, row.Stoi, row.Estoi);
        }));
    }

    [Fact]
    public void EverySharedReferenceRowMatchesWithin0002()
    {
        StoiReferenceData data = SharedOrSkip();
        Assert.True(data.Rows().Count >= 41, $"expected.tsv has only {data.Rows().Count} rows");
        Check(FileCases(data));
    }

    /// <summary>The rebuilt signals are the reference files, sample for sample (so the derived rows test what pystoi was given).</summary>
    [Fact]
    public void DerivedSignalsEqualTheSharedReferenceFiles()
    {
        StoiReferenceData shared = SharedOrSkip();
        foreach (var row in StoiReferenceData.Fixtures.DerivedRows())
        {
            double[] clean = StoiReferenceData.Fixtures.ReadMono(row.Clean, out int fs);
            Assert.Equal(shared.ReadMono(row.Clean, out _), clean);
            double[] rebuilt = StoiDerivedSignals.Make(row.Transform, clean, fs);
            double[] original = shared.ReadMono(row.Clean.Replace("_clean.wav", $"_{row.Transform}.wav", StringComparison.Ordinal), out _);
            Assert.Equal(original.Length, rebuilt.Length);
            double maxDiff = original.Zip(rebuilt, (a, b) => Math.Abs(a - b)).Max();
            _output.WriteLine($"{row.Clean[..2]}_{row.Transform}: max |rebuilt - reference file| {maxDiff:E2}");
            Assert.True(maxDiff == 0, $"{row.Clean} {row.Transform}: the rebuilt signal differs from the reference file by up to {maxDiff:E2}");
        }
    }

    private static StoiReferenceData SharedOrSkip()
    {
        StoiReferenceData? data = StoiReferenceData.SharedFolder();
        if (data is null)
        {
            Assert.Skip("no ../shared/reference/stoi beside the repository (the 20-row in-repository subset is checked instead)");
        }

        return data;
    }

    private static IEnumerable<Case> FileCases(StoiReferenceData data) => data.Rows().Select(row =>
    {
        double[] clean = data.ReadMono(row.Clean, out int fsClean);
        double[] processed = data.ReadMono(row.Processed, out int fsProcessed);
        Assert.Equal(row.SampleRate, fsClean);
        Assert.Equal(row.SampleRate, fsProcessed);
        return new Case(row.Processed, clean, processed, row.SampleRate, row.Stoi, row.Estoi);
    });

    private void Check(IEnumerable<Case> cases)
    {
        double maxStoi = 0, maxEstoi = 0;
        var failures = new List<string>();
        foreach (Case c in cases)
        {
            double stoi = Stoi.Compute(c.Clean, c.Processed, c.SampleRate);
            double estoi = Estoi.Compute(c.Clean, c.Processed, c.SampleRate);
            double dStoi = Math.Abs(stoi - c.Stoi), dEstoi = Math.Abs(estoi - c.Estoi);
            maxStoi = Math.Max(maxStoi, dStoi);
            maxEstoi = Math.Max(maxEstoi, dEstoi);
            string line = $"{c.Label,-22} {c.SampleRate,6}  stoi {stoi:F6} ref {c.Stoi:F6} |d| {dStoi:E1}   "
                + $"estoi {estoi:F6} ref {c.Estoi:F6} |d| {dEstoi:E1}";
            _output.WriteLine(line);
            if (dStoi > Tolerance || dEstoi > Tolerance)
            {
                failures.Add(line);
            }
        }

        _output.WriteLine($"max |d| stoi {maxStoi:E2}  estoi {maxEstoi:E2}");
        Assert.True(failures.Count == 0, "rows off by more than 0.002:\n" + string.Join("\n", failures));
    }

    private sealed record Case(string Label, double[] Clean, double[] Processed, int SampleRate, double Stoi, double Estoi);
}
