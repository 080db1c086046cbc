namespace RtDenoise.Engine.Live;

/// <summary>Geometry of the live engine; all sizes in device frames (mono).</summary>
public sealed record LiveEngineOptions(int SampleRate, int BlockFrames)
{
    /// <summary>Processed samples the output ring holds beyond the block being played (jitter cushion).</summary>
    public int TargetFillFrames { get; init; } = BlockFrames;

    /// <summary>Fill above target + block + this is dropped by the output callback (clock drift, start-up bursts).</summary>
    public int DriftSlackFrames { get; init; } = 3 * BlockFrames;

    /// <summary>Ring capacity (rounded up to a power of two): one second, whatever the block size.</summary>
    public int RingFrames { get; init; } = SpscFloatRing.CapacityFor(SampleRate);

    public UnderrunPolicy Underrun { get; init; } = UnderrunPolicy.Silence;

    /// <summary>Skip the denoiser: the engine copies input to output (measures the device path alone).</summary>
    public bool Bypass { get; init; }

    public double BlockMilliseconds => BlockFrames * 1000.0 / SampleRate;
}
