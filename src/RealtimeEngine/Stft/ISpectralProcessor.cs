namespace RtDenoise.Engine.Stft;

/// <summary>
/// Sees each STFT frame's complex spectrum (split form, <see cref="StftLayout.Bins"/> bins) and produces per-bin
/// gains, or modifies the spectrum in place. Called on the audio hot path: implementations must not allocate,
/// lock, log or block in <see cref="ProcessFrame"/>; allocate everything in <see cref="Configure"/>.
/// </summary>
public interface ISpectralProcessor
{
    /// <summary>Short name for logs and reports (e.g. "bypass", "classic", "dnn").</summary>
    string Name { get; }

    /// <summary>Called once before streaming, with the STFT geometry the frames will have.</summary>
    void Configure(StftLayout layout);

    /// <summary>
    /// One frame. <paramref name="re"/>/<paramref name="im"/> hold the spectrum and may be modified;
    /// <paramref name="gains"/> arrives filled with 1 and is multiplied into the spectrum after this returns.
    /// </summary>
    void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains);

    /// <summary>The attenuation limit (dB) the stream starts with (100 = none); the DNN takes its model's default.</summary>
    float DefaultAttenuationLimitDb => AttenuationLimit.NoneDb;

    /// <summary>Forget all state (as if just configured).</summary>
    void Reset();
}
