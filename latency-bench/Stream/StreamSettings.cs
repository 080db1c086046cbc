namespace RtDenoise.LatencyBench.Stream;

/// <summary>What one harness run does.</summary>
internal sealed record StreamSettings(
    string InputPath,
    string Processor,
    string? ModelPath,
    int SampleRate,
    double BlockMilliseconds,
    bool Paced,
    double DurationSeconds,
    double? CpuQuota,
    string? DeviceProfile,
    int PinCpu)
{
    public int BlockFrames => (int)Math.Round(SampleRate * BlockMilliseconds / 1000.0);
}
