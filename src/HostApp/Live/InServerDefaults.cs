namespace RtDenoise.HostApp.Live;

/// <summary>Defaults of the in-server virtual microphone (`virtual-mic --in-server`).</summary>
internal static class InServerDefaults
{
    /// <summary>
    /// module-loopback's latency_msec. The loopback keeps this much audio between the input and the plugin; less
    /// makes PulseAudio's rate controller fight under-runs (measured in latency-bench/results/latency.md).
    /// </summary>
    public const int LoopbackLatencyMs = 10;

    /// <summary>The plugin's own default (its port 2): no limit, the full denoiser.</summary>
    public const float AttenuationLimitDb = 100f;
}
