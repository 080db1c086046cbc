namespace RtDenoise.Training.Mixing;

/// <summary>Ranges and probabilities of the on-the-fly mixing.</summary>
public sealed record MixingOptions
{
    public double SnrMinDb { get; init; } = -5;
    public double SnrMaxDb { get; init; } = 20;
    /// <summary>Input level range: quiet laptop microphones (−45 dBFS) to hot headsets.</summary>
    public double LevelMinDbfs { get; init; } = -45;
    public double LevelMaxDbfs { get; init; } = -10;

    /// <summary>Share of mixtures whose speech (and, separately, noise) goes through a room.</summary>
    public double ReverbProbability { get; init; } = 0.5;

    /// <summary>Of the reverberant ones, share using a measured response (else synthetic).</summary>
    public double MeasuredRirShare { get; init; } = 0.35;

    public double Rt60Min { get; init; } = 0.2;
    public double Rt60Max { get; init; } = 1.0;
    /// <summary>Share of mixtures whose noise is generated: white, pink, brown or randomly coloured, steady or slowly
    /// modulated (fans, cockpit, car and factory hum are mostly this; the real recordings that judge us have them).</summary>
    public double StationaryNoiseProbability { get; init; } = 0.35;

    /// <summary>Share of mixtures with added low-frequency rumble (handling, traffic, HVAC) below 30–150 Hz.</summary>
    public double RumbleProbability { get; init; } = 0.15;

    /// <summary>Share of mixtures whose noisy input is mildly clipped (the clean target is not).</summary>
    public double ClipProbability { get; init; } = 0.05;
    public double SecondNoiseProbability { get; init; } = 0.2;
    public double SpeedProbability { get; init; } = 0.5;
    public double EqProbability { get; init; } = 0.5;
    public double BandLimitProbability { get; init; } = 0.2;

    /// <summary>The fixed validation set: no speed/EQ perturbation (it measures real conditions, not augmentation).</summary>
    public static MixingOptions Validation => new()
    {
        SpeedProbability = 0,
        EqProbability = 0,
        BandLimitProbability = 0,
        RumbleProbability = 0,
        ClipProbability = 0,
        StationaryNoiseProbability = 0.15,
        LevelMinDbfs = -35,
    };

    /// <summary>The "real devices" validation profile: held-out sources under what microphones do —
    /// levels −45..−10 dBFS, microphone EQ and band limits, rumble, stationary white/pink/brown noise, rooms, mild
    /// clipping; no speed change (that is a training trick, not a device).</summary>
    public static MixingOptions RealDevices => new()
    {
        SpeedProbability = 0,
        EqProbability = 0.6,
        BandLimitProbability = 0.3,
        RumbleProbability = 0.25,
        ClipProbability = 0.1,
        StationaryNoiseProbability = 0.4,
        LevelMinDbfs = -45,
        LevelMaxDbfs = -10,
    };
}
