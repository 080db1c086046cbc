using System.Collections.Concurrent;
using System.Diagnostics;
using RtDenoise.Engine.Chain;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// Denoises the selected files of a batch, <see cref="BatchRequest.Jobs"/> at a time, with one processor factory
/// (one model load) for all of them. A file that fails (unreadable, not a WAV, unwritable output…) is recorded with
/// its reason and skipped; each output is written atomically, so a failed or cancelled file leaves nothing behind.
/// </summary>
public static class BatchRunner
{
    public static BatchResult Run(
        BatchRequest request,
        int found,
        IReadOnlyList<BatchItem> selected,
        Func<int, IAudioProcessor> createProcessor,
        Action<double> progress,
        CancellationToken cancel)
    {
        var failures = new ConcurrentBag<BatchFailure>();
        int succeeded = 0, done = 0;
        long audioMicroseconds = 0, sanitised = 0, resets = 0;
        var wall = Stopwatch.StartNew();
        Parallel.ForEach(
            selected,
            new ParallelOptions { MaxDegreeOfParallelism = request.Jobs, CancellationToken = cancel },
            item =>
            {
                string output = BatchOutputCheck.OutputPath(request.OutDir, item);
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                    OfflineDenoiseResult r = OfflineDenoiser.Run(item.InputPath, output, createProcessor, null, cancel);
                    Interlocked.Increment(ref succeeded);
                    Interlocked.Add(ref audioMicroseconds, (long)(r.InputSeconds * 1e6));
                    Interlocked.Add(ref sanitised, r.SanitisedSamples);
                    Interlocked.Add(ref resets, r.StateResets);
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failures.Add(new BatchFailure(item.InputPath, OneLine(ex.Message)));
                }

                progress((double)Interlocked.Increment(ref done) / selected.Count);
            });

        return new BatchResult(
            found,
            selected.Count,
            succeeded,
            failures.OrderBy(f => f.InputPath, StringComparer.Ordinal).ToList(),
            audioMicroseconds / 1e6,
            wall.Elapsed.TotalSeconds,
            request.Shard)
        {
            SanitisedSamples = sanitised,
            StateResets = resets,
        };
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
