namespace RtDenoise.Engine.Live;

/// <summary>Geometry of the live engine; all sizes in device frames (mono).</summary>
public sealed record LiveEngineOptions(int SampleRate, int BlockFrames)
{
    /// <summary>
    /// Processed samples the output ring must hold beyond the block being played before playback (re)starts: the
    /// jitter cushion. Default one block. Input reaches the ring in whole blocks, so the output callback either finds
    /// the next block ready or races the engine for it, depending on the random phase between the two streams'
    /// callbacks. Measured through the private PulseAudio at 48 kHz / 10 ms blocks, 60 s each
    /// (scripts/live/measure-live.sh): with 0, round trip 63.9 ms but 9–15 output-ring underruns (and as many drift
    /// resyncs); with one block, 73.9 ms and 0 underruns. --buffer-ms 0 keeps the lower latency where the phase
    /// is favourable.
    /// </summary>
    public int TargetFillFrames { get; init; } = BlockFrames;

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
