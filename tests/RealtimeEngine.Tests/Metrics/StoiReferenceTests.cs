using RtDenoise.Engine.Metrics;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>Every row of ../shared/reference/stoi/expected.tsv (pystoi 0.4.1) reproduced within 0.002.</summary>
public class StoiReferenceTests
{
    private const double Tolerance = 0.002;

    private readonly ITestOutputHelper _output;

    public StoiReferenceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryReferenceRowMatchesWithin0002()
    {
        var rows = StoiReferenceData.Rows();
        Assert.True(rows.Count >= 41, $"expected.tsv has only {rows.Count} rows");
        double maxStoi = 0, maxEstoi = 0;
        var failures = new List<string>();
        foreach (var row in rows)
        {
            double[] clean = StoiReferenceData.ReadMono(row.Clean, out int fsClean);
            double[] processed = StoiReferenceData.ReadMono(row.Processed, out int fsProcessed);
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
