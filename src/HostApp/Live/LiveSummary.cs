using System.Globalization;
using RtDenoise.Engine.Live;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The end-of-run summary of `live` and `virtual-mic`: what the run did and everything that went wrong in it, in
/// counts: xruns (ring overflows/underruns and the device's PortAudio status flags), non-finite input samples
/// sanitised and state resets, and device faults.
/// </summary>
public static class LiveSummary
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The stderr line.</summary>
    public static string Text(LiveRunResult r) => string.Create(
        C,
        $"{r.StopReason} after {r.Seconds:F1} s: {r.Hops} hops, hop µs p50 {r.HopP50Microseconds:F0} p99 {r.HopP99Microseconds:F0} max {r.HopMaxMicroseconds:F0}; xruns {r.Xruns} (input ring overflows {r.InputRingOverflows}, output ring underruns {r.OutputRingUnderruns}, output ring overflows {r.OutputRingOverflows}, device flags {r.DeviceFlags}: {r.DeviceFlagDetail}); non-finite input samples sanitised {r.SanitisedSamples}, state resets {r.StateResets}; device faults {r.DeviceFaults}; drift resyncs {r.DriftResyncs}; latency {r.LatencyMilliseconds:F1} ms (algorithm {r.AlgorithmicLatencyMilliseconds:F2} + input {r.InputLatencyMilliseconds:F1} + output {r.OutputLatencyMilliseconds:F1} + ring {r.BufferLatencyMilliseconds:F1}); CPU {r.CpuPercent:F1}% of one core; engine thread {r.EngineScheduling}; telemetry dropped {r.TelemetryDropped}");

    /// <summary>The `--json` line on stdout.</summary>
    public static string Json(LiveRunResult r) => string.Create(
        C,
        $"{{\"seconds\":{r.Seconds:F3},\"xruns\":{r.Xruns},\"input_ring_overflows\":{r.InputRingOverflows},\"output_ring_underruns\":{r.OutputRingUnderruns},\"output_ring_overflows\":{r.OutputRingOverflows},\"device_flags\":{r.DeviceFlags},\"sanitised_samples\":{r.SanitisedSamples},\"state_resets\":{r.StateResets},\"device_faults\":{r.DeviceFaults},\"hop_us_p50\":{r.HopP50Microseconds:F1},\"hop_us_p99\":{r.HopP99Microseconds:F1},\"hop_us_max\":{r.HopMaxMicroseconds:F1},\"latency_ms\":{r.LatencyMilliseconds:F2}}}");
}
