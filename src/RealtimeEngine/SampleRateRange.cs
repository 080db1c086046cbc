namespace RtDenoise.Engine;

/// <summary>
/// The stream rates rtdenoise runs at, one range for every path that takes a rate (WAV headers, the denoiser, the
/// live streams): below 4 kHz there is no speech band to denoise, above 384 kHz no audio interface delivers and the
/// resampler's filters grow past their design.
/// </summary>
public static class SampleRateRange
{
    public const int MinHz = 4000;
    public const int MaxHz = 384000;

    public static bool Contains(int sampleRate) => sampleRate is >= MinHz and <= MaxHz;

    /// <summary>"4000..384000 Hz", for messages.</summary>
    public static string Describe() => $"{MinHz}..{MaxHz} Hz";
}
