namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>What `denoise IN... --out-dir DIR` was asked to do.</summary>
public sealed record BatchRequest(IReadOnlyList<string> Inputs, DirectoryInfo OutDir, bool Recursive, int Jobs, ShardSpec Shard);
