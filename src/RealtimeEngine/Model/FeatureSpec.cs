namespace RtDenoise.Engine.Model;

/// <summary>
/// Which input features a model was trained on (the <c>.rtm</c> header's feature kind, context frames and level
/// time constant). <see cref="SpectralFeatures"/> computes them; training and inference share that code.
/// </summary>
/// <param name="Kind"><see cref="RtmFormat.FeatureLogPower"/> (1: absolute log power of C frames) or
/// <see cref="RtmFormat.FeatureLevelNormalisedNoiseAware"/> (2: log power relative to a running level, C frames,
/// plus the current frame's a-posteriori SNR against a minimum-statistics noise estimate).</param>
/// <param name="ContextFrames">The current frame and C − 1 past frames.</param>
/// <param name="LevelTauSeconds">Time constant of the running level (kind 2 only; 0 for kind 1).</param>
public readonly record struct FeatureSpec(uint Kind, int ContextFrames, float LevelTauSeconds)
{
    /// <summary>Default running-level time constant: long enough to span pauses between sentences, short enough to
    /// follow a user moving away from the microphone (τ ≈ 1–3 s).</summary>
    public const float DefaultLevelTauSeconds = 2f;

    /// <summary>The features before normalisation (kind 1 models of format version 1 used this).</summary>
    public static FeatureSpec AbsoluteLogPower(int contextFrames) => new(RtmFormat.FeatureLogPower, contextFrames, 0f);

    /// <summary>Level-normalised, noise-aware features (kind 2).</summary>
    public static FeatureSpec LevelNormalised(int contextFrames, float levelTauSeconds = DefaultLevelTauSeconds) =>
        new(RtmFormat.FeatureLevelNormalisedNoiseAware, contextFrames, levelTauSeconds);

    /// <summary>Feature vectors per frame of <paramref name="bins"/> bins: C·bins (kind 1), (C + 1)·bins (kind 2).</summary>
    public int Count(int bins) => (Kind == RtmFormat.FeatureLevelNormalisedNoiseAware ? ContextFrames + 1 : ContextFrames) * bins;

    public bool IsNoiseAware => Kind == RtmFormat.FeatureLevelNormalisedNoiseAware;

    /// <summary>Short description for model-info.</summary>
    public string Describe(int bins) => IsNoiseAware
        ? $"level-normalised log power (running level, tau {LevelTauSeconds:0.##} s), {ContextFrames} frames x {bins} bins + a-posteriori SNR x {bins} bins = {Count(bins)}"
        : $"log power, {ContextFrames} frames x {bins} bins = {Count(bins)}";
}
