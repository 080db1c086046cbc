using RtDenoise.Offline.Metrics;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>STOI/ESTOI against pystoi 0.4.1 values, within 0.002: the in-repository subset always, all 41 rows of
/// ../shared/reference/stoi when that folder exists.</summary>
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
        Check(data);
    }

    [Fact]
    public void EverySharedReferenceRowMatchesWithin0002()
    {
        StoiReferenceData? data = StoiReferenceData.SharedFolder();
        if (data is null)
        {
            Assert.Skip("no ../shared/reference/stoi beside the repository (the 4-row in-repository subset is checked instead)");
        }

        Assert.True(data.Rows().Count >= 41, $"expected.tsv has only {data.Rows().Count} rows");
        Check(data);
    }

    private void Check(StoiReferenceData data)
    {
        double maxStoi = 0, maxEstoi = 0;
        var failures = new List<string>();
        foreach (var row in data.Rows())
        {
            double[] clean = data.ReadMono(row.Clean, out int fsClean);
            double[] processed = data.ReadMono(row.Processed, out int fsProcessed);
            Assert.Equal(row.SampleRate, fsClean);
            Assert.Equal(row.SampleRate, fsProcessed);
            double stoi = Stoi.Compute(clean, processed, row.SampleRate);
            double estoi = Estoi.Compute(clean, processed, row.SampleRate);
            double dStoi = Math.Abs(stoi - row.Stoi), dEstoi = Math.Abs(estoi - row.Estoi);
            maxStoi = Math.Max(maxStoi, dStoi);
            maxEstoi = Math.Max(maxEstoi, dEstoi);
            string line = $"{row.Processed,-22} {row.SampleRate,6}  stoi {stoi:F6} ref {row.Stoi:F6} |d| {dStoi:E1}   "
                + $"estoi {estoi:F6} ref {row.Estoi:F6} |d| {dEstoi:E1}";
            _output.WriteLine(line);
            if (dStoi > Tolerance || dEstoi > Tolerance)
            {
                failures.Add(line);
            }
        }

        _output.WriteLine($"max |d| stoi {maxStoi:E2}  estoi {maxEstoi:E2}");
        Assert.True(failures.Count == 0, "rows off by more than 0.002:\n" + string.Join("\n", failures));
    }
}
