using NAudio.Wave;
using RtDenoise.Engine.IO;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// Reads a WAV file as float frames, after validating it: a regular file (a FIFO or a device is refused before it is
/// opened), RIFF or RF64 WAVE with exactly one fmt and one data chunk (<see cref="RiffLayout"/>), a supported encoding
/// (PCM 8/16/24/32, IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE: <see cref="WavFormatChunk"/>), a data chunk
/// that is entirely present and a whole number of frames, at least one frame. Errors are
/// <see cref="InvalidAudioFileException"/> naming the file and the reason.
/// </summary>
public sealed class WavReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _dataOffset;
    private readonly long _dataLength;
    private long _remaining;
    private byte[] _raw = [];

    private WavReader(string path, FileStream stream, RiffLayout layout, WavFormatChunk format)
    {
        Path = path;
        _stream = stream;
        Encoding = format.Encoding;
        Format = format.ToWaveFormat(path);
        FrameCount = layout.DataLength / format.BlockAlign;
        _dataOffset = layout.DataOffset;
        _dataLength = layout.DataLength;
        Rewind();
    }

    public string Path { get; }

    /// <summary>The file's own format descriptor (kept to write the output in exactly the same format).</summary>
    public WaveFormat Format { get; }

    public SampleEncoding Encoding { get; }

    public int SampleRate => Format.SampleRate;

    public int Channels => Format.Channels;

    public long FrameCount { get; }

    public double DurationSeconds => FrameCount / (double)SampleRate;

    public static WavReader Open(string path)
    {
        BoundedFile.RequireRegular(path, "input file", long.MaxValue, why => new InvalidAudioFileException(why));
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidAudioFileException($"cannot open '{path}': {ex.Message}", ex);
        }

        try
        {
            RiffLayout layout = RiffLayout.Read(stream, path);
            WavFormatChunk format = WavFormatChunk.Parse(layout.Format, path);
            if (layout.DataLength % format.BlockAlign != 0)
            {
                throw new InvalidAudioFileException(
                    $"'{path}' is truncated: its data chunk ({layout.DataLength} bytes) is not a whole number of {format.BlockAlign}-byte frames.");
            }

            if (layout.DataLength == 0)
            {
                throw new InvalidAudioFileException($"'{path}' has no audio (zero-length data chunk).");
            }

            return new WavReader(path, stream, layout, format);
        }
        catch (Exception ex) when (ex is IOException)
        {
            stream.Dispose();
            throw new InvalidAudioFileException($"'{path}' cannot be read: {ex.Message}", ex);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Goes back to the first frame, on the same open file (a second pass reads the very file the first
    /// did, even if its path has been replaced meanwhile).</summary>
    public void Rewind()
    {
        _stream.Position = _dataOffset;
        _remaining = _dataLength;
    }

    /// <summary>Reads up to <paramref name="interleaved"/>.Length / Channels frames; returns the number of frames read.</summary>
    public int ReadFrames(Span<float> interleaved)
    {
        int frames = interleaved.Length / Channels;
        int bytes = (int)Math.Min((long)frames * Format.BlockAlign, _remaining);
        if (_raw.Length < bytes)
        {
            _raw = new byte[bytes];
        }

        int got = 0;
        while (got < bytes)
        {
            int n = _stream.Read(_raw, got, bytes - got);
            if (n <= 0)
            {
                break;
            }

            got += n;
        }

        _remaining -= got;
        int framesRead = got / Format.BlockAlign;
        SampleCodec.Decode(_raw.AsSpan(0, framesRead * Format.BlockAlign), Encoding, interleaved[..(framesRead * Channels)]);
        return framesRead;
    }

    /// <summary>Reads the whole file as one float array per channel.</summary>
    public static float[][] ReadAllChannels(string path, out int sampleRate)
    {
        using WavReader r = Open(path);
        sampleRate = r.SampleRate;
        if (r.FrameCount > int.MaxValue / Math.Max(1, r.Channels))
        {
            throw new InvalidAudioFileException($"'{path}' is too long to load at once ({r.FrameCount} frames).");
        }

        int frames = (int)r.FrameCount;
        var channels = new float[r.Channels][];
        for (int c = 0; c < r.Channels; c++)
        {
            channels[c] = new float[frames];
        }

        var buf = new float[4096 * r.Channels];
        int pos = 0;
        while (pos < frames)
        {
            int n = r.ReadFrames(buf);
            if (n == 0)
            {
                throw new InvalidAudioFileException($"'{path}' ended early at frame {pos} of {frames}.");
            }

            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < r.Channels; c++)
                {
                    channels[c][pos + i] = buf[(i * r.Channels) + c];
                }
            }

            pos += n;
        }

        return channels;
    }

    public void Dispose()
    {
        _stream.Dispose();
    }
}
