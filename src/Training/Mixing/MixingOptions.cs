namespace RtDenoise.Training.Mixing;

/// <summary>Ranges and probabilities of the on-the-fly mixing (issue 9).</summary>
public sealed record MixingOptions
{
    public double SnrMinDb { get; init; } = -5;
    public double SnrMaxDb { get; init; } = 20;
    public double LevelMinDbfs { get; init; } = -35;
    public double LevelMaxDbfs { get; init; } = -10;

    /// <summary>Share of mixtures whose speech (and, separately, noise) goes through a room.</summary>
    public double ReverbProbability { get; init; } = 0.5;

    /// <summary>Of the reverberant ones, share using a measured response (else synthetic).</summary>
    public double MeasuredRirShare { get; init; } = 0.35;

    public double Rt60Min { get; init; } = 0.2;
    public double Rt60Max { get; init; } = 1.0;
    public double StationaryNoiseProbability { get; init; } = 0.15;
    public double SecondNoiseProbability { get; init; } = 0.2;
    public double SpeedProbability { get; init; } = 0.5;
    public double EqProbability { get; init; } = 0.5;
    public double BandLimitProbability { get; init; } = 0.2;

    /// <summary>The fixed validation set: no speed/EQ perturbation (it measures real conditions, not augmentation).</summary>
    public static MixingOptions Validation => new() { SpeedProbability = 0, EqProbability = 0, BandLimitProbability = 0 };
}
