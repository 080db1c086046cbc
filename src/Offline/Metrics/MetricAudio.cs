using RtDenoise.Offline.Audio;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Loads a WAV file as the single signal a metric compares: multi-channel files are mixed down to the mean of
/// their channels (so a stereo file whose channels are equal gives exactly that channel, and a denoiser's
/// per-channel output is judged as a whole rather than by its first channel only).
/// </summary>
public static class MetricAudio
{
    /// <summary>Reads <paramref name="path"/> (any format <see cref="WavReader"/> accepts) as mono float samples.</summary>
    /// <exception cref="InvalidAudioFileException">Missing, unreadable or malformed file.</exception>
    public static float[] ReadMono(string path, out int sampleRate) =>
        MixDown(WavReader.ReadAllChannels(path, out sampleRate));

    /// <summary>Mean of the channels, sample by sample (the channel itself when there is one).</summary>
    public static float[] MixDown(float[][] channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0)
        {
            throw new ArgumentException("no channels to mix.", nameof(channels));
        }

        if (channels.Length == 1)
        {
            return channels[0];
        }

        int n = channels[0].Length;
        var mono = new float[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            foreach (float[] channel in channels)
            {
                sum += channel[i];
            }

            mono[i] = (float)(sum / channels.Length);
        }

        return mono;
    }
}
