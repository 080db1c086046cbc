using System.Runtime.ExceptionServices;
using RtDenoise.Engine;
using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Metrics;

namespace RtDenoise.HostApp.Commands.Eval;

/// <summary>
/// Denoises every <c>noisy/NAME.wav</c> that has a <c>clean/NAME.wav</c> (file mode, latency-compensated, through
/// <see cref="OfflineDenoiser"/>) and scores the noisy input and the processed output against the clean file.
/// Files run in parallel (<paramref name="jobs"/> at a time); a file that cannot be read, has no clean partner or
/// does not match it is recorded as a failure and the run goes on.
/// </summary>
public sealed class EvalRunner(
    DirectoryInfo cleanDir, DirectoryInfo noisyDir, DirectoryInfo? outDir, Func<int, Denoiser> createDenoiser, int jobs)
{
    private static readonly EnumerationOptions WavFiles = new() { MatchCasing = MatchCasing.CaseInsensitive };

    /// <param name="progress">Fraction of files done (0..1), called from worker threads.</param>
    public EvalSummary Run(Action<double> progress, CancellationToken cancel)
    {
        string[] noisyFiles = [.. Directory.EnumerateFiles(noisyDir.FullName, "*.wav", WavFiles).Order(StringComparer.Ordinal)];
        if (noisyFiles.Length == 0)
        {
            throw new UserInputException($"--noisy '{noisyDir.FullName}' holds no .wav files.");
        }

        // Without --out the outputs go to a private temporary folder that is removed afterwards.
        DirectoryInfo target = outDir ?? Directory.CreateTempSubdirectory("rtdenoise-eval-");
        var outcomes = new FileOutcome?[noisyFiles.Length];
        var failures = new EvalFailure?[noisyFiles.Length];
        int done = 0;
        try
        {
            Parallel.For(
                0,
                noisyFiles.Length,
                new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel },
                i =>
                {
                    try
                    {
                        outcomes[i] = EvaluateFile(noisyFiles[i], target.FullName, cancel);
                    }
                    catch (Exception ex) when (ex is UserInputException or InvalidAudioFileException or IOException
                        or UnauthorizedAccessException or ArgumentException)
                    {
                        // ArgumentException: the denoiser refuses this file (e.g. a sample rate it does not support).
                        failures[i] = new EvalFailure(Path.GetFileName(noisyFiles[i]), ex.Message);
                    }

                    progress((double)Interlocked.Increment(ref done) / noisyFiles.Length);
                });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Parallel.For wraps what escaped a file (a model error, a cancellation): rethrow it as itself so the
            // command guard maps it to its usual message and exit code.
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        finally
        {
            if (outDir is null)
            {
                target.Delete(recursive: true);
            }
        }

        // Aggregate in file order so the means do not depend on thread scheduling.
        List<FileOutcome> ok = [.. outcomes.OfType<FileOutcome>()];
        List<EvalFailure> failed = [.. failures.OfType<EvalFailure>()];
        if (ok.Count == 0)
        {
            return new EvalSummary(0, MetricMeans.None, MetricMeans.None,
                new SuppressionMeans(double.NaN, double.NaN), double.NaN, failed, []);
        }

        double audio = ok.Sum(o => o.Denoise.InputSeconds);
        double processing = ok.Sum(o => o.Denoise.ProcessingSeconds);
        List<string> warnings = [.. ok.SelectMany(o => o.Warnings)];
        return new EvalSummary(
            ok.Count,
            MetricMeans.Of([.. ok.Select(o => o.Noisy)]),
            MetricMeans.Of([.. ok.Select(o => o.Processed)]),
            SuppressionMeans.Of([.. ok.Select(o => o.Suppression)]),
            audio > 0 ? processing / audio : 0,
            failed,
            warnings);
    }

    private FileOutcome EvaluateFile(string noisyPath, string targetDir, CancellationToken cancel)
    {
        string name = Path.GetFileName(noisyPath);
        string cleanPath = Path.Combine(cleanDir.FullName, name);
        if (!File.Exists(cleanPath))
        {
            throw new UserInputException($"no matching clean file '{cleanPath}'.");
        }

        float[] clean = MetricAudio.ReadMono(cleanPath, out int cleanRate);
        float[] noisy = MetricAudio.ReadMono(noisyPath, out int noisyRate);
        SpeechMetricsResult noisyScore = MetricComparison.Compare(
            $"clean/{name}", clean, cleanRate, $"noisy/{name}", noisy, noisyRate, trim: false);

        string outputPath = Path.Combine(targetDir, name);
        OfflineDenoiseResult denoise = OfflineDenoiser.Run(noisyPath, outputPath, createDenoiser, progress: null, cancel);
        float[] processed = MetricAudio.ReadMono(outputPath, out int processedRate);
        SpeechMetricsResult processedScore = MetricComparison.Compare(
            $"clean/{name}", clean, cleanRate, $"processed/{name}", processed, processedRate, trim: false);

        // Pause attenuation and speech level need the three signals at one rate and length (the denoiser keeps both).
        (double, double) suppression = cleanRate == noisyRate && processedRate == noisyRate
            ? SuppressionMetrics.Compute(clean, noisy, processed, noisyRate)
            : (double.NaN, double.NaN);
        List<string> warnings = [];
        if (noisyScore.Warning is not null)
        {
            warnings.Add($"{name}: {noisyScore.Warning}");
        }

        return new FileOutcome(noisyScore, processedScore, suppression, denoise, warnings);
    }

    private sealed record FileOutcome(
        SpeechMetricsResult Noisy, SpeechMetricsResult Processed, (double Pause, double Speech) Suppression,
        OfflineDenoiseResult Denoise, IReadOnlyList<string> Warnings);
}
