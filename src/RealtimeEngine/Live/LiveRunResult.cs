namespace RtDenoise.Engine.Live;

/// <summary>Statistics of one live run. <see cref="Fault"/> is null when the run ended normally (duration or Ctrl-C).</summary>
public sealed record LiveRunResult(
    double Seconds,
    long Xruns,
    long InputRingOverflows,
    long OutputRingUnderruns,
    long OutputRingOverflows,
    long DeviceFlags,
    string DeviceFlagDetail,
    long DriftResyncs,
    long Hops,
    double HopP50Microseconds,
    double HopP99Microseconds,
    double HopMaxMicroseconds,
    double AlgorithmicLatencyMilliseconds,
    double InputLatencyMilliseconds,
    double OutputLatencyMilliseconds,
    double BufferLatencyMilliseconds,
    double CpuPercent,
    long TelemetryDropped,
    string EngineScheduling,
    string StopReason,
    string? Fault,
    bool TeardownTimedOut)
{
    /// <summary>Input samples the denoiser replaced because they were NaN, ±Inf or absurdly large.</summary>
    public long SanitisedSamples { get; init; }

    /// <summary>Times the denoiser reset its state because its output went non-finite.</summary>
    public long StateResets { get; init; }

    /// <summary>Device faults (device removed, a stream stopped by the driver, the engine failing): each one ends the
    /// run, so 0 or 1; the reason is <see cref="Fault"/>. Status-flag xruns are counted in <see cref="DeviceFlags"/>.</summary>
    public int DeviceFaults => Fault is null ? 0 : 1;

    /// <summary>Declared end-to-end latency: algorithm + PortAudio's input and output latency + the output ring's target fill.</summary>
    public double LatencyMilliseconds => AlgorithmicLatencyMilliseconds + InputLatencyMilliseconds + OutputLatencyMilliseconds + BufferLatencyMilliseconds;
}
