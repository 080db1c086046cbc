using RtDenoise.Engine.Metrics;

namespace RtDenoise.HostApp.Commands.Eval;

/// <summary>Mean STOI, ESTOI and SI-SDR over the evaluated files.</summary>
public sealed record MetricMeans(double Stoi, double Estoi, double SiSdrDb)
{
    public static MetricMeans Of(IReadOnlyList<SpeechMetricsResult> results) => new(
        results.Average(r => r.Stoi), results.Average(r => r.Estoi), results.Average(r => r.SiSdrDb));
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
    double RealTimeFactor,
    IReadOnlyList<EvalFailure> Failures,
    IReadOnlyList<string> Warnings);
