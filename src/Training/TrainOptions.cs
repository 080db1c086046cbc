namespace RtDenoise.Training;

/// <summary>Everything a training run depends on (stored in checkpoints so a resume continues the same run).</summary>
public sealed record TrainOptions
{
    public string DataDir { get; init; } = "";
    public string OutPath { get; init; } = "";
    public string? ResumePath { get; init; }
    public int Epochs { get; init; } = 40;
    public int Seed { get; init; } = 1;

    // STFT and features: 16 ms window (≤ 20 ms latency), 50% hop.
    public int SampleRate { get; init; } = 16000;
    public int Window { get; init; } = 256;
    public int Hop { get; init; } = 128;
    public int FftSize { get; init; } = 256;
    public int Context { get; init; } = 4;
    public int[] Hidden { get; init; } = [288, 288]; // the shipped model (models/MODEL_CARD.md)

    /// <summary>Gain floor of the trained mask: −30 dB or lower gives real suppression depth; the
    /// user's attenuation limit caps it at run time.</summary>
    public float GainFloorDb { get; init; } = -30f;

    /// <summary>Feature kind (<see cref="RtDenoise.Engine.Model.RtmFormat"/>): 2 = level-normalised, noise-aware.</summary>
    public uint FeatureKind { get; init; } = RtDenoise.Engine.Model.RtmFormat.FeatureLevelNormalisedNoiseAware;

    /// <summary>Running-level time constant of kind 2 features, seconds.</summary>
    public float LevelTauSeconds { get; init; } = RtDenoise.Engine.Model.FeatureSpec.DefaultLevelTauSeconds;

    public RtDenoise.Engine.Model.FeatureSpec Features => FeatureKind == RtDenoise.Engine.Model.RtmFormat.FeatureLogPower
        ? RtDenoise.Engine.Model.FeatureSpec.AbsoluteLogPower(Context)
        : RtDenoise.Engine.Model.FeatureSpec.LevelNormalised(Context, LevelTauSeconds);

    // Optimisation.
    public int BatchSize { get; init; } = 256;
    public int MixturesPerEpoch { get; init; } = 160;
    public int MixturesPerChunk { get; init; } = 8;
    public double SegmentSeconds { get; init; } = 4.0;
    public float LearningRate { get; init; } = 5e-4f;
    public int WarmupSteps { get; init; } = 200;
    public float WeightDecay { get; init; } = 0.05f;
    public float Dropout { get; init; } = 0.3f;

    // Loss.
    public float Compression { get; init; } = 0.3f;
    public float UnderWeight { get; init; } = 4f;
    public float MaskWeight { get; init; } = 0.1f;

    /// <summary>Weight of the ESTOI-like segment loss (<see cref="Nn.EnvelopeCorrelationLoss"/>); 0 = off. When on,
    /// mini-batches are whole 384 ms segments of consecutive frames instead of shuffled frames.</summary>
    public float EstoiWeight { get; init; } = 0.3f;

    // Validation.
    public int ValidationMixtures { get; init; } = 48;
    public int StatisticsMixtures { get; init; } = 48;

    public float GainFloor => MathF.Pow(10f, GainFloorDb / 20f);

    public int SegmentSamples => (int)(SegmentSeconds * SampleRate);
}
