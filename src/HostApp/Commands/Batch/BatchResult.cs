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
}
