namespace RtDenoise.Engine.Stft;

/// <summary>
/// The user's attenuation limit (DeepFilterNet's <c>atten_lim_db</c>): no time–frequency bin is attenuated by more
/// than L dB, i.e. every mask gain is raised to at least <c>10^(−L/20)</c>. 100 dB or more means no limit (the floor
/// is 0); NaN counts as no limit. One meaning everywhere: <c>--atten-lim</c>, the chain's <c>dnn:L</c>, the
/// processor parameter <see cref="DenoiserProcessor.AttenuationLimitParameter"/> and the LADSPA port.
/// </summary>
public static class AttenuationLimit
{
    /// <summary>At or above this many dB the limit is off.</summary>
    public const float NoneDb = 100f;

    /// <summary>The gain floor for a limit of <paramref name="limitDb"/> dB (0 = no floor); negative limits count as 0 dB.</summary>
    public static float MinimumGain(float limitDb) =>
        float.IsNaN(limitDb) || limitDb >= NoneDb ? 0f : MathF.Pow(10f, -Math.Max(limitDb, 0f) / 20f);
}
