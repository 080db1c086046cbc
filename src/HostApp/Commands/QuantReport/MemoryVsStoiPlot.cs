namespace RtDenoise.HostApp.Commands.QuantReport;

/// <summary>memory-vs-stoi.png: total model bytes (KiB, x) against mean STOI (y), one curve per format family (bit
/// widths ascending), mixed configurations as points, fp32 and the paper's operating point marked.</summary>
public static class MemoryVsStoiPlot
{
    public static void Save(string path, IReadOnlyList<QuantReportRow> rows)
    {
        var plot = new ScottPlot.Plot();
        QuantReportRow fp = rows.First(r => r.Config.IsFloat);
        foreach (var family in rows.Where(r => !r.Config.IsFloat && r.Config.Family is not "mixed" and not "budget search").GroupBy(r => r.Config.Family))
        {
            var pts = family.OrderBy(r => r.TotalBytes).ToArray();
            var s = plot.Add.Scatter(pts.Select(r => r.TotalBytes / 1024.0).ToArray(), pts.Select(r => r.Stoi).ToArray());
            s.LegendText = family.Key;
            s.MarkerSize = 6;
        }

        var budget = rows.Where(r => r.Config.Family == "budget search").ToArray();
        if (budget.Length > 0)
        {
            var b = plot.Add.ScatterPoints(budget.Select(r => r.TotalBytes / 1024.0).ToArray(), budget.Select(r => r.Stoi).ToArray());
            b.LegendText = "budget search (--budget-kb)";
            b.MarkerSize = 9;
            b.MarkerShape = ScottPlot.MarkerShape.OpenTriangleUp;
        }

        var mixed = rows.Where(r => r.Config.Family == "mixed").ToArray();
        if (mixed.Length > 0)
        {
            var m = plot.Add.ScatterPoints(mixed.Select(r => r.TotalBytes / 1024.0).ToArray(), mixed.Select(r => r.Stoi).ToArray());
            m.LegendText = "mixed per layer";
            m.MarkerSize = 8;
            m.MarkerShape = ScottPlot.MarkerShape.OpenSquare;
        }

        var f = plot.Add.ScatterPoints(new[] { fp.TotalBytes / 1024.0 }, new[] { fp.Stoi });
        f.LegendText = "fp32";
        f.MarkerSize = 10;
        f.MarkerShape = ScottPlot.MarkerShape.FilledDiamond;

        double px = QuantReportWriter.PaperMemoryFraction * fp.TotalBytes / 1024.0;
        double py = fp.Stoi * (1 - (QuantReportWriter.PaperStoiDropPercent / 100));
        var p = plot.Add.ScatterPoints(new[] { px }, new[] { py });
        p.LegendText = "paper: −50% memory, −2.7% STOI";
        p.MarkerSize = 14;
        p.MarkerShape = ScottPlot.MarkerShape.Eks;
        var band = plot.Add.HorizontalLine(fp.Stoi * 0.99);
        band.LegendText = "fp32 − 1% STOI";
        band.LinePattern = ScottPlot.LinePattern.Dashed;

        // Keep the paper's point (−2.7% STOI) in view even when every measured point lies far above it.
        double lo = Math.Min(Math.Max(rows.Min(r => r.Stoi), fp.Stoi - 0.15), py);
        plot.Axes.SetLimitsY(lo - 0.005, fp.Stoi + 0.005);
        plot.Axes.SetLimitsX(0, (fp.TotalBytes / 1024.0) * 1.05);
        plot.Title("rtdenoise: model memory vs STOI (post-training quantization)");
        plot.XLabel("model memory, KiB (codes + metadata + biases + normalisation)");
        plot.YLabel("mean STOI");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, 1100, 650);
    }
}
