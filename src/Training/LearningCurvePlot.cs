namespace RtDenoise.Training;

/// <summary>PNG of training and validation loss per epoch (and the validation score, if any) with ScottPlot.</summary>
public static class LearningCurvePlot
{
    public static void Save(string path, IReadOnlyList<EpochRecord> history, string? scoreName)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return;
        }

        var plot = new ScottPlot.Plot();
        double[] x = history.Select(h => (double)h.Epoch).ToArray();
        var train = plot.Add.Scatter(x, history.Select(h => h.TrainLoss).ToArray());
        train.LegendText = "train loss";
        var val = plot.Add.Scatter(x, history.Select(h => h.ValidationLoss).ToArray());
        val.LegendText = "validation loss";
        if (scoreName != null && history.All(h => h.ValidationScore.HasValue))
        {
            var score = plot.Add.Scatter(x, history.Select(h => h.ValidationScore!.Value).ToArray());
            score.LegendText = $"validation {scoreName} (right axis)";
            score.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = scoreName;
        }

        plot.Title("rtdenoise training");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend();
        plot.SavePng(path, 900, 540);
    }
}
