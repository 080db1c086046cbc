using RtDenoise.Engine.Chain;
using RtDenoise.HostApp.Cli;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>`rtdenoise denoise IN... --out-dir DIR`: expands, shards, runs and reports a batch. Exit 0 when every
/// selected file was denoised, 1 when any failed (each reported and skipped), 2 for bad arguments (nothing run).</summary>
public static class BatchDenoise
{
    public static int Run(BatchRequest request, Func<int, IAudioProcessor> createProcessor, bool json, bool quiet, CancellationToken cancel)
    {
        // The output folder is left out of the walk: a rerun must not take its own previous outputs as inputs.
        // A folder the walk could not read is a failure of this batch (reported, exit 1), not the end of it.
        var unreadable = new List<BatchFailure>();
        IReadOnlyList<BatchItem> all = BatchInputs.Expand(request.Inputs, request.Recursive, request.OutDir.FullName, unreadable);
        if (all.Count == 0 && unreadable.Count == 0)
        {
            throw new UserInputException($"no .wav files in {string.Join(", ", request.Inputs)}{(request.Recursive ? string.Empty : " (folders are read one level deep; --recursive reads their subfolders)")}.");
        }

        BatchOutputCheck.RefuseOutputsOverInputs(all, request.OutDir);
        IReadOnlyList<BatchItem> selected = request.Shard.Select(all);
        Directory.CreateDirectory(request.OutDir.FullName);
        BatchResult result = StderrProgress.Run(
            $"denoising {selected.Count} files",
            !quiet && selected.Count > 0,
            report => BatchRunner.Run(request, all.Count, selected, createProcessor, report, cancel));
        if (unreadable.Count > 0)
        {
            result = result with { Failures = [.. unreadable, .. result.Failures] };
        }

        BatchReport.WriteFailures(result, Console.Error);
        if (json)
        {
            Console.Out.WriteLine(BatchReport.Json(result));
        }
        else if (!quiet || result.Failures.Count > 0)
        {
            Console.Out.WriteLine(BatchReport.Text(result));
        }

        return result.Failures.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
