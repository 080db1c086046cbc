using System.CommandLine;
using RtDenoise.HostApp.Cli;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>The batch options of `denoise` (`--out-dir` switches batch mode on).</summary>
public sealed class BatchOptions
{
    public Option<DirectoryInfo?> OutDir { get; } = new("--out-dir")
    {
        Description = "Batch mode: denoise every input (files, folders of *.wav, quoted globs) into this folder, keeping their relative layout.",
    };

    public Option<bool> Recursive { get; } = new("--recursive", "-r") { Description = "Batch mode: include the subfolders of input folders." };

    public Option<int> Jobs { get; } = new("--jobs", "-j")
    {
        Description = "Batch mode: files denoised in parallel (default: the number of cores).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Batch mode: K/N takes shard K (from 0) of N of the sorted file list: every N-th file from position K.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(OutDir);
        command.Options.Add(Recursive);
        command.Options.Add(Jobs);
        command.Options.Add(Shard);
    }

    public bool IsBatch(ParseResult parse) => parse.GetValue(OutDir) is not null;

    /// <summary>Rejects the batch-only options outside batch mode (one clear message rather than silence).</summary>
    public void RejectOutsideBatch(ParseResult parse)
    {
        if (parse.FirstGiven(Recursive, Jobs, Shard) is { } o)
        {
            throw new UserInputException($"{o.Name} applies to batch mode only (denoise IN... --out-dir DIR).");
        }
    }

    public BatchRequest ToRequest(ParseResult parse, IReadOnlyList<string> inputs)
    {
        int jobs = parse.GetValue(Jobs);
        if (jobs < 1)
        {
            throw new UserInputException($"--jobs must be at least 1 (got {jobs}).");
        }

        string? shard = parse.GetValue(Shard);
        return new BatchRequest(
            inputs,
            parse.GetValue(OutDir)!,
            parse.GetValue(Recursive),
            jobs,
            shard is null ? ShardSpec.All : ShardSpec.Parse(shard));
    }
}
