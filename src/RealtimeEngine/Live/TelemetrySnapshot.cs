namespace RtDenoise.Engine.Live;

/// <summary>What the telemetry reader has aggregated so far (hop time in microseconds, levels in dBFS).</summary>
public readonly record struct TelemetrySnapshot(
    long Hops,
    double HopP50Microseconds,
    double HopP99Microseconds,
    double HopMaxMicroseconds,
    long Xruns,
    double InputDbfs,
    double OutputDbfs,
    int InputFill,
    int OutputFill,
    long Dropped);
