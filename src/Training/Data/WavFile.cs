using NAudio.Utils;
using NAudio.Wave;
using RtDenoise.Offline.Audio;

namespace RtDenoise.Training.Data;

/// <summary>Minimal WAV I/O for the offline trainer (16 kHz mono corpus; PCM or float).</summary>
public static class WavFile
{
    /// <summary>Reads a mono WAV at <paramref name="sampleRate"/> into floats in [−1, 1].</summary>
    public static float[] ReadMono(string path, int sampleRate)
    {
        try
        {
            using var reader = new WaveFileReader(path);
            if (reader.WaveFormat.SampleRate != sampleRate || reader.WaveFormat.Channels != 1)
            {
                throw new InvalidDataException(
                    $"{path}: expected {sampleRate} Hz mono, found {reader.WaveFormat.SampleRate} Hz × {reader.WaveFormat.Channels} channels.");
            }

            ISampleProvider provider = reader.ToSampleProvider();
            long frames = reader.SampleCount;
            var data = new float[frames];
            int read = 0;
            while (read < data.Length)
            {
                int n = provider.Read(data, read, data.Length - read);
                if (n <= 0)
                {
                    break;
                }

                read += n;
            }

            return read == data.Length ? data : data[..read];
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{path}: not a readable WAV file ({ex.Message}).", ex);
        }
    }

    /// <summary>Writes 16-bit PCM mono atomically (<see cref="AtomicFileWriter"/>: temp file + rename, a replaced
    /// file keeps its mode); samples are clipped to [−1, 1].</summary>
    public static void WritePcm16(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        var buf = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            float v = Math.Clamp(samples[i], -1f, 1f);
            short s = (short)Math.Round(v * 32767f);
            buf[2 * i] = (byte)s;
            buf[(2 * i) + 1] = (byte)(s >> 8);
        }

        using var atomic = new AtomicFileWriter(path, requireSeekable: true);
        // The WAV writer patches its header on dispose and would close the stream the commit still needs.
        using (var writer = new WaveFileWriter(new IgnoreDisposeStream(atomic.Stream), new WaveFormat(sampleRate, 16, 1)))
        {
            writer.Write(buf, 0, buf.Length);
        }

        atomic.Commit();
    }
}
