using System.Text.Json;
using RtDenoise.Engine.Live;
using RtDenoise.HostApp.Live;
using Xunit;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>Each live / virtual-mic run's summary counts xruns, sanitised non-finite samples and
/// device faults (formatted from the counters; the live end-to-end tests need a sound server).</summary>
public sealed class LiveSummaryTests
{
    private static LiveRunResult Result(string? fault) => new(
        Seconds: 12.5,
        Xruns: 7,
        InputRingOverflows: 1,
        OutputRingUnderruns: 2,
        OutputRingOverflows: 0,
        DeviceFlags: 4,
        DeviceFlagDetail: "input overflow 3, input underflow 0, output underflow 1, output overflow 0",
        DriftResyncs: 0,
        Hops: 1250,
        HopP50Microseconds: 100,
        HopP99Microseconds: 300,
        HopMaxMicroseconds: 900,
        AlgorithmicLatencyMilliseconds: 16,
        InputLatencyMilliseconds: 10,
        OutputLatencyMilliseconds: 10,
        BufferLatencyMilliseconds: 10,
        CpuPercent: 5,
        TelemetryDropped: 0,
        EngineScheduling: "SCHED_FIFO priority 10",
        StopReason: fault is null ? "interrupted" : "fault",
        Fault: fault,
        TeardownTimedOut: false)
    {
        SanitisedSamples = 42,
        StateResets = 3,
    };

    [Fact]
    public void The_text_summary_counts_xruns_sanitised_samples_resets_and_device_faults()
    {
        string line = LiveSummary.Text(Result("output stream of pulse stopped by itself (device error or device removed)"));
        Assert.Contains("xruns 7 (input ring overflows 1, output ring underruns 2, output ring overflows 0, device flags 4: input overflow 3", line, StringComparison.Ordinal);
        Assert.Contains("non-finite input samples sanitised 42, state resets 3", line, StringComparison.Ordinal);
        Assert.Contains("device faults 1", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void The_json_summary_has_every_counter()
    {
        using JsonDocument clean = JsonDocument.Parse(LiveSummary.Json(Result(null)));
        JsonElement r = clean.RootElement;
        Assert.Equal(7, r.GetProperty("xruns").GetInt64());
        Assert.Equal(1, r.GetProperty("input_ring_overflows").GetInt64());
        Assert.Equal(2, r.GetProperty("output_ring_underruns").GetInt64());
        Assert.Equal(4, r.GetProperty("device_flags").GetInt64());
        Assert.Equal(42, r.GetProperty("sanitised_samples").GetInt64());
        Assert.Equal(3, r.GetProperty("state_resets").GetInt64());
        Assert.Equal(0, r.GetProperty("device_faults").GetInt32());
        using JsonDocument faulted = JsonDocument.Parse(LiveSummary.Json(Result("engine thread failed: x")));
        Assert.Equal(1, faulted.RootElement.GetProperty("device_faults").GetInt32());
    }
}
