namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>One input file of a batch and where its output goes, relative to `--out-dir` ('/' separators).</summary>
public sealed record BatchItem(string InputPath, string RelativePath);
