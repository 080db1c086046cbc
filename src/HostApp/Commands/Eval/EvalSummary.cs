using RtDenoise.Offline.Metrics;

namespace RtDenoise.HostApp.Commands.Eval;

/// <summary>Mean STOI, ESTOI, SI-SDR and PESQ (narrow and wide band) over the evaluated files; a PESQ mean is over
/// the files where that mode is defined (NaN when none is: wide band at 8 kHz).</summary>
public sealed record MetricMeans(double Stoi, double Estoi, double SiSdrDb, double PesqNb, double PesqWb)
{
    public static MetricMeans None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>The change from <paramref name="before"/> to these means, metric by metric.</summary>
    public MetricMeans Minus(MetricMeans before) => new(
        Stoi - before.Stoi, Estoi - before.Estoi, SiSdrDb - before.SiSdrDb, PesqNb - before.PesqNb, PesqWb - before.PesqWb);

    public static MetricMeans Of(IReadOnlyList<SpeechMetricsResult> results) => new(
        results.Average(r => r.Stoi),
        results.Average(r => r.Estoi),
        results.Average(r => r.SiSdrDb),
        MeanOfDefined(results.Select(r => r.Pesq?.NarrowBand)),
        MeanOfDefined(results.Select(r => r.Pesq?.WideBand)));

    private static double MeanOfDefined(IEnumerable<double?> values)
    {
        double[] defined = [.. values.OfType<double>()];
        return defined.Length == 0 ? double.NaN : defined.Average();
    }
}

/// <summary>Mean noise attenuation in speech pauses and speech level change in speech frames (dB,
/// <see cref="SuppressionMetrics"/>), over the files that have such frames (NaN when none has).</summary>
public sealed record SuppressionMeans(double PauseAttenuationDb, double SpeechLevelChangeDb)
{
    public static SuppressionMeans Of(IReadOnlyList<(double Pause, double Speech)> results) => new(
        MeanOfFinite(results.Select(r => r.Pause)), MeanOfFinite(results.Select(r => r.Speech)));

    private static double MeanOfFinite(IEnumerable<double> values)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        return finite.Length == 0 ? double.NaN : finite.Average();
    }
}

/// <summary>One file that could not be evaluated, with the reason.</summary>
public sealed record EvalFailure(string File, string Reason);

/// <summary>
/// Outcome of an evaluation run. <see cref="RealTimeFactor"/> is the summed denoising time over the summed audio
/// duration of the evaluated files (per-core: files running in parallel each count their own time).
/// </summary>
public sealed record EvalSummary(
    int Files,
    MetricMeans Noisy,
    MetricMeans Processed,
    SuppressionMeans Suppression,
    double RealTimeFactor,
    IReadOnlyList<EvalFailure> Failures,
    IReadOnlyList<string> Warnings);
