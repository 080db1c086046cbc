using RtDenoise.Offline.Metrics.Pesq;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>
/// PESQ MOS-LQO (narrow band P.862 + P.862.1, wide band P.862.2) against the ITU-T reference code, within 0.02:
/// the 7-row in-repository subset always, all 72 rows of ../shared/reference/pesq when that folder exists.
/// </summary>
public class PesqReferenceTests
{
    private const double Tolerance = 0.02;

    private readonly ITestOutputHelper _output;

    public PesqReferenceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryFixtureRowMatchesWithin002()
    {
        var data = PesqReferenceData.Fixtures;
        Assert.Equal(7, data.Rows().Count);
        Check(data);
    }

    [Fact]
    public void EverySharedReferenceRowMatchesWithin002()
    {
        PesqReferenceData? data = PesqReferenceData.SharedFolder();
        if (data is null)
        {
            Assert.Skip("needs ../shared/reference/pesq, a development set a clone does not have (the 7 carried rows are checked instead)");
        }

        Assert.True(data.Rows().Count >= 72, $"expected.tsv has only {data.Rows().Count} rows");
        Check(data);
    }

    private void Check(PesqReferenceData data)
    {
        double maxNarrow = 0, maxWide = 0;
        var failures = new List<string>();
        foreach (var row in data.Rows())
        {
            float[] reference = data.ReadMono(row.Reference, out int fsReference);
            float[] degraded = data.ReadMono(row.Degraded, out int fsDegraded);
            Assert.Equal(row.SampleRate, fsReference);
            Assert.Equal(row.SampleRate, fsDegraded);

            double narrow = Pesq.Compute(reference, degraded, row.SampleRate, PesqMode.NarrowBand);
            double dNarrow = Math.Abs(narrow - row.NarrowBand);
            maxNarrow = Math.Max(maxNarrow, dNarrow);
            string line = $"{row.Degraded,-28} {row.SampleRate,6}  nb {narrow:F4} ref {row.NarrowBand:F4} |d| {dNarrow:F4}";
            bool failed = dNarrow > Tolerance;
            if (row.WideBand is double expectedWide)
            {
                double wide = Pesq.Compute(reference, degraded, row.SampleRate, PesqMode.WideBand);
                double dWide = Math.Abs(wide - expectedWide);
                maxWide = Math.Max(maxWide, dWide);
                line += $"   wb {wide:F4} ref {expectedWide:F4} |d| {dWide:F4}";
                failed |= dWide > Tolerance;
            }

            _output.WriteLine(line);
            if (failed)
            {
                failures.Add(line);
            }
        }

        _output.WriteLine($"max |d| nb {maxNarrow:E2}  wb {maxWide:E2}");
        Assert.True(failures.Count == 0, "rows off by more than 0.02:\n" + string.Join("\n", failures));
    }
}
