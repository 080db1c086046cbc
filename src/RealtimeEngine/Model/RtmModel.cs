using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Model;

/// <summary>
/// A denoising network as stored in a <c>.rtm</c> file: STFT geometry, feature definition, normalisation and
/// layers. Immutable. Load with <see cref="Load"/> (validates every field), save with <see cref="RtmWriter"/>.
/// </summary>
public sealed class RtmModel
{
    public RtmModel(StftLayout layout, int contextFrames, float gainFloor, float[] mean, float[] std,
        IReadOnlyList<RtmLayer> layers, float gainExponent = 1f)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        ArgumentNullException.ThrowIfNull(layers);
        Layout = layout;
        ContextFrames = contextFrames;
        GainFloor = gainFloor;
        Mean = mean;
        Std = std;
        Layers = layers;
        GainExponent = gainExponent;
    }

    /// <summary>The STFT the model was trained with; run it through a <see cref="StreamingStft"/> of this layout.</summary>
    public StftLayout Layout { get; }

    public int SampleRate => Layout.SampleRate;

    public uint WindowKind => RtmFormat.WindowSqrtHannPeriodic;

    /// <summary>Which features the network reads (<see cref="RtmFormat.FeatureLogPower"/> or
    /// <see cref="RtmFormat.FeatureLevelNormalisedNoiseAware"/>).</summary>
    public uint FeatureKind { get; init; } = RtmFormat.FeatureLogPower;

    /// <summary>Running-level time constant of kind 2 features (0 for kind 1).</summary>
    public float LevelTauSeconds { get; init; }

    /// <summary>The attenuation limit the denoiser applies unless the user gives one (dB; 100 = none): the gain
    /// never goes below 10^(−limit/20). Chosen on validation for this model.</summary>
    public float DefaultAttenuationLimitDb { get; init; } = RtmFormat.NoAttenuationLimitDb;

    /// <summary>The feature definition (<see cref="SpectralFeatures"/>).</summary>
    public FeatureSpec Features => new(FeatureKind, ContextFrames, LevelTauSeconds);

    /// <summary>The same model with other layers (quantization, fine-tuning): every other field is kept.</summary>
    public RtmModel WithLayers(IReadOnlyList<RtmLayer> layers) => new(Layout, ContextFrames, GainFloor, Mean, Std, layers, GainExponent)
    {
        Source = Source,
        FeatureKind = FeatureKind,
        LevelTauSeconds = LevelTauSeconds,
        DefaultAttenuationLimitDb = DefaultAttenuationLimitDb,
    };

    public uint OutputKind => RtmFormat.OutputGainMask;

    /// <summary>Frames of log-power spectrum the network sees: the current one and C − 1 past ones.</summary>
    public int ContextFrames { get; }

    /// <summary>Smallest gain the mask applies (linear).</summary>
    public float GainFloor { get; }

    /// <summary>Where the model came from (file path), for error messages.</summary>
    public string Source { get; init; } = "(in-memory model)";

    /// <summary>Exponent γ applied to the mask: g = (floor + (1 − floor)·σ(z))^γ. Training uses 1; a value below 1,
    /// chosen on validation data after training, softens the mask (less speech damage, less noise removed).</summary>
    public float GainExponent { get; }

    /// <summary>Same model with another gain exponent.</summary>
    public RtmModel WithGainExponent(float gainExponent) =>
        new(Layout, ContextFrames, GainFloor, Mean, Std, Layers, gainExponent)
        {
            Source = Source,
            FeatureKind = FeatureKind,
            LevelTauSeconds = LevelTauSeconds,
            DefaultAttenuationLimitDb = DefaultAttenuationLimitDb,
        };

    /// <summary>Per-feature mean (length <see cref="FeatureCount"/>).</summary>
    public float[] Mean { get; }

    /// <summary>Per-feature standard deviation (length <see cref="FeatureCount"/>).</summary>
    public float[] Std { get; }

    public IReadOnlyList<RtmLayer> Layers { get; }

    public int FeatureCount => Features.Count(Layout.Bins);

    /// <summary>Algorithmic latency at the model rate: one analysis window less one sample (no look-ahead), as
    /// <see cref="StftLayout.LatencyMilliseconds"/>.</summary>
    public double LatencyMs => Layout.LatencyMilliseconds;

    /// <summary>Weights over all layers (biases excluded).</summary>
    public long WeightCount => Layers.Sum(l => l.WeightCount);

    /// <summary>Weight-related bytes: every layer payload (codes, per-group metadata, tables, biases).</summary>
    public long WeightBytes => Layers.Sum(l => (long)l.Payload.Length);

    /// <summary>The normalisation vectors (mean and std, float32).</summary>
    public long NormalisationBytes => 4L * (Mean.Length + Std.Length);

    /// <summary>All weight-related bits over the number of weights: 8·<see cref="WeightBytes"/> /
    /// <see cref="WeightCount"/>; codes, metadata, tables and biases count, the normalisation does not.</summary>
    public double BitsPerWeight => WeightCount == 0 ? 0 : 8.0 * WeightBytes / WeightCount;

    /// <summary>Exact memory: every layer payload (codes, metadata, biases) plus the normalisation vectors.</summary>
    public long TotalBytes => Layers.Sum(l => (long)l.Payload.Length) + (4L * (Mean.Length + Std.Length));

    /// <summary>Reads and validates a model file; throws <see cref="InvalidModelException"/> naming the file and the
    /// first bad field.</summary>
    public static RtmModel Load(string path) => RtmReader.Load(path);

    /// <summary>Validates and parses an in-memory model image (<paramref name="sourceName"/> goes into messages).</summary>
    public static RtmModel Parse(ReadOnlySpan<byte> bytes, string sourceName) => RtmReader.Parse(bytes, sourceName);
}
