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
    /// <summary>Declared end-to-end latency: algorithm + PortAudio's input and output latency + the output ring's target fill.</summary>
    public double LatencyMilliseconds => AlgorithmicLatencyMilliseconds + InputLatencyMilliseconds + OutputLatencyMilliseconds + BufferLatencyMilliseconds;
}
