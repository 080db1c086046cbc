namespace RtDenoise.Engine.Live;

/// <summary>Geometry of the live engine; all sizes in device frames (mono).</summary>
public sealed record LiveEngineOptions(int SampleRate, int BlockFrames)
{
    /// <summary>
    /// Processed samples the output ring must hold beyond the block being played before playback (re)starts: the
    /// jitter cushion. Default 0: measured through the private PulseAudio at 10 ms blocks, the round trip was
    /// 59–66 ms with 0 and 69–79 ms with one block (the ring fills in whole input blocks, so any non-zero cushion
    /// costs a whole block); raise it (--buffer-ms) on a machine whose callbacks jitter by more than a block.
    /// </summary>
    public int TargetFillFrames { get; init; }

    /// <summary>Fill above target + block + this is dropped by the output callback (clock drift, start-up bursts).</summary>
    public int DriftSlackFrames { get; init; } = 3 * BlockFrames;

    /// <summary>Length of the window over which the output callback tracks its minimum fill (half a second).</summary>
    public int SurplusWindowFrames { get; init; } = SampleRate / 2;

    /// <summary>A window minimum this far above target + block is tolerated; more is dropped at the window's end.</summary>
    public int SurplusToleranceFrames { get; init; } = BlockFrames / 2;

    /// <summary>Ring capacity (rounded up to a power of two): one second, whatever the block size.</summary>
    public int RingFrames { get; init; } = SpscFloatRing.CapacityFor(SampleRate);

    public UnderrunPolicy Underrun { get; init; } = UnderrunPolicy.Silence;

    /// <summary>Skip the denoiser: the engine copies input to output (measures the device path alone).</summary>
    public bool Bypass { get; init; }

    /// <summary>
    /// Latency PortAudio is asked for on each stream (Pa_OpenStream's suggestedLatency), seconds. Default two
    /// blocks: the ALSA pulse plugin then reports 20 ms per stream at 10 ms blocks (ci-recipes.md).
    /// </summary>
    public double SuggestedLatencySeconds { get; init; } = 2.0 * BlockFrames / SampleRate;

    public double BlockMilliseconds => BlockFrames * 1000.0 / SampleRate;
}
