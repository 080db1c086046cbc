namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>One file that could not be denoised, with the one-line reason.</summary>
public sealed record BatchFailure(string InputPath, string Message);

/// <summary>What a batch run did.</summary>
public sealed record BatchResult(
    int Found,
    int Selected,
    int Succeeded,
    IReadOnlyList<BatchFailure> Failures,
    double InputSeconds,
    double WallSeconds,
    ShardSpec Shard)
{
    public double FilesPerSecond => WallSeconds > 0 ? Succeeded / WallSeconds : 0;

    /// <summary>Input samples the guard zeroed (non-finite) or clipped, over all files (as single-file mode reports).</summary>
    public long SanitisedSamples { get; init; }

    /// <summary>Processor stages reset because their state went non-finite, over all files.</summary>
    public long StateResets { get; init; }
}
