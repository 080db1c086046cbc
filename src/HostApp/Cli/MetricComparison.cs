using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Pesq;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Runs <see cref="SpeechMetrics"/> (with PESQ) on two loaded files and turns the metrics' input errors into
/// <see cref="UserInputException"/>s that name the files (shared by `metrics` and `eval`).
/// </summary>
internal static class MetricComparison
{
    public static SpeechMetricsResult Compare(
        string cleanName, float[] clean, int cleanRate, string processedName, float[] processed, int processedRate, bool trim)
    {
        if (cleanRate != processedRate)
        {
            throw new UserInputException(
                $"sample rates differ: '{cleanName}' is {cleanRate} Hz, '{processedName}' is {processedRate} Hz (resample one of them first).");
        }

        try
        {
            return SpeechMetrics.Compute(clean, processed, cleanRate, trim, withPesq: true);
        }
        catch (SignalLengthMismatchException ex)
        {
            throw new UserInputException(
                $"lengths differ: '{cleanName}' has {ex.CleanLength} samples, '{processedName}' has {ex.ProcessedLength} (use --trim to compare the common part).", ex);
        }
        catch (NonFiniteSampleException ex)
        {
            string file = ex.Signal == "clean" ? cleanName : processedName;
            throw new UserInputException($"'{file}' has a non-finite sample (NaN or infinity) at frame {ex.Index}.", ex);
        }
        catch (PesqInputException ex)
        {
            throw new UserInputException($"PESQ cannot score '{processedName}' against '{cleanName}': {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException($"cannot compare '{processedName}' with '{cleanName}': {ex.Message}", ex);
        }
    }
}
