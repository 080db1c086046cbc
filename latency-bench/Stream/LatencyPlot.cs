using ScottPlot;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>PNG with the per-block timeline (top) and the processing-time histogram (bottom), deadline marked.</summary>
internal static class LatencyPlot
{
    public static void Save(string path, float[] timelineUs, long blocks, double deadlineUs, string title)
    {
        int n = (int)Math.Min(blocks, timelineUs.Length);
        double[] ys = timelineUs.Take(n).Select(v => (double)v).ToArray();
        double[] xs = Enumerable.Range(0, n).Select(i => (double)i).ToArray();

        var multi = new Multiplot();
        multi.AddPlots(2);
        Plot timeline = multi.GetPlot(0);
        timeline.Add.ScatterPoints(xs, ys);
        timeline.Add.HorizontalLine(deadlineUs);
        timeline.Title(title);
        timeline.XLabel("block");
        timeline.YLabel("processing time (µs)");

        Plot histogram = multi.GetPlot(1);
        double max = ys.Length > 0 ? ys.Max() : 1;
        int bins = 60;
        double width = Math.Max(max / bins, 1e-3);
        var counts = new double[bins + 1];
        foreach (double v in ys)
        {
            counts[Math.Min(bins, (int)(v / width))]++;
        }

        var bars = counts.Select((c, i) => new Bar { Position = (i + 0.5) * width, Value = c, Size = width * 0.9 }).ToArray();
        histogram.Add.Bars(bars);
        histogram.XLabel("processing time per block (µs)");
        histogram.YLabel("blocks");
        multi.SavePng(path, 1000, 800);
    }
}
