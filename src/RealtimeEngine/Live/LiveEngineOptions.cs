namespace RtDenoise.Engine.Live;

/// <summary>Geometry of the live engine; all sizes in device frames (mono).</summary>
public sealed record LiveEngineOptions(int SampleRate, int BlockFrames)
{
    /// <summary>
    /// Processed samples the output ring must hold beyond the block being played before playback (re)starts: the
    /// jitter cushion. Default 20 ms (at least one block). Input reaches the ring in whole blocks, so without a
    /// cushion the output callback races the engine for each block, depending on the random phase between the two
    /// streams' callbacks; and this VM's vCPUs stall for 10–30 ms now and then (latency-bench/results/latency.md).
    /// Measured through the private PulseAudio at 48 kHz / 10 ms blocks, 60 s per run on the idle machine
    /// (scripts/live/measure-live.sh): 0 ms → 15 output-ring underruns, round trip 63.9 ms; 10 ms → 0, 1 and 3
    /// underruns in three runs, 73.9 ms; 20 ms → 0 and 0 in two runs, 83.9 ms. --buffer-ms trades it back where the
    /// scheduling is steadier.
    /// </summary>
    public int TargetFillFrames { get; init; } = Math.Max(BlockFrames, SampleRate / 50);

    /// <summary>Fill above target + block + this is dropped by the output callback (clock drift, start-up bursts).</summary>
    public int DriftSlackFrames { get; init; } = 3 * BlockFrames;

    /// <summary>Length of the window over which the output callback tracks its minimum fill (half a second).</summary>
    public int SurplusWindowFrames { get; init; } = SampleRate / 2;

    /// <summary>A window minimum this far above target + block is tolerated; more is dropped at the window's end.</summary>
    public int SurplusToleranceFrames { get; init; } = BlockFrames / 2;

    /// <summary>Ring capacity (rounded up to a power of two): one second, whatever the block size.</summary>
    public int RingFrames { get; init; } = SpscFloatRing.CapacityFor(SampleRate);

    public UnderrunPolicy Underrun { get; init; } = UnderrunPolicy.Silence;

    /// <summary>
    /// Run the engine thread (and PortAudio's ALSA callback threads) in the SCHED_FIFO real-time class where
    /// permitted (<see cref="RealtimeScheduling"/>), so ordinary load on the same cores cannot delay a hop.
    /// </summary>
    public bool Realtime { get; init; } = true;

    /// <summary>Skip the denoiser: the engine copies input to output (measures the device path alone).</summary>
    public bool Bypass { get; init; }

    /// <summary>
    /// Latency PortAudio is asked for on each stream (Pa_OpenStream's suggestedLatency), seconds. Default two
    /// blocks: the ALSA pulse plugin then reports 20 ms per stream at 10 ms blocks (ci-recipes.md).
    /// </summary>
    public double SuggestedLatencySeconds { get; init; } = 2.0 * BlockFrames / SampleRate;

    public double BlockMilliseconds => BlockFrames * 1000.0 / SampleRate;
}
