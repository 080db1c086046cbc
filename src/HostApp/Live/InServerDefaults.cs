namespace RtDenoise.HostApp.Live;

/// <summary>Defaults of the in-server virtual microphone (`virtual-mic --in-server`).</summary>
internal static class InServerDefaults
{
    /// <summary>
    /// module-loopback's latency_msec: the audio the loopback keeps between the input and the plugin. At 10 ms the
    /// loopback's latency control skipped or repeated 128-sample (2.67 ms at 48 kHz) stretches several times a minute
    /// on PipeWire 0.3.65, as often with swh's `amp` in the plugin's place as with ours (so the loopback's, not our
    /// block handling); at 20 ms none in the same runs (scripts/live/in-server-skips.sh; latency-bench/results/latency.md).
    /// </summary>
    public const int LoopbackLatencyMs = 20;

    /// <summary>The plugin's own default (its port 2): no limit, the full denoiser.</summary>
    public const float AttenuationLimitDb = 100f;
}
