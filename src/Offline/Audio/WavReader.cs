using NAudio.Wave;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// Reads a WAV file as float frames through NAudio's <see cref="WaveFileReader"/>, after validating it: RIFF/WAVE,
/// a supported encoding (PCM 8/16/24/32, IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE), a data chunk that is
/// entirely present and a whole number of frames, at least one frame. Errors are
/// <see cref="InvalidAudioFileException"/> naming the file and the reason.
/// </summary>
public sealed class WavReader : IDisposable
{
    /// <summary>Most channels a file may declare (more is a malformed or hostile header, not audio).</summary>
    public const int MaxChannels = 64;

    public const int MinSampleRate = 1000;
    public const int MaxSampleRate = 768000;

    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    private readonly FileStream _stream;
    private readonly WaveFileReader _reader;
    private byte[] _raw = [];

    private WavReader(string path, FileStream stream, WaveFileReader reader, SampleEncoding encoding)
    {
        Path = path;
        _stream = stream;
        _reader = reader;
        Encoding = encoding;
        Format = reader.WaveFormat;
        FrameCount = reader.Length / Format.BlockAlign;
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
        if (!File.Exists(path))
        {
            throw new InvalidAudioFileException(Directory.Exists(path)
                ? $"'{path}' is a directory, not a WAV file."
                : $"input file '{path}' does not exist.");
        }

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
            WaveFileReader reader;
            try
            {
                reader = new WaveFileReader(stream);
            }
            // DivideByZeroException: NAudio divides by the header's block align (0 in a malformed file) while
            // positioning the reader (found by fuzzing: Fixtures/fuzz/wav).
            catch (Exception ex) when (ex is FormatException or EndOfStreamException or InvalidDataException or ArgumentException or IOException
                or DivideByZeroException)
            {
                throw new InvalidAudioFileException($"'{path}' is not a readable WAV file: {ex.Message}", ex);
            }

            long dataStart = stream.Position;
            WaveFormat f = reader.WaveFormat;
            SampleEncoding encoding = Classify(path, f);
            if (f.Channels > MaxChannels || f.SampleRate < MinSampleRate || f.SampleRate > MaxSampleRate)
            {
                // Bounds against resource bombs (issue 14 item 7): 32,767 declared channels took 94 s and 10.9 GB, a
                // 1 Hz rate made `metrics` resample 16,000 samples into gigabytes.
                throw new InvalidAudioFileException(
                    $"'{path}': {f.Channels} channels at {f.SampleRate} Hz is outside what rtdenoise reads (1..{MaxChannels} channels, {MinSampleRate}..{MaxSampleRate} Hz).");
            }

            if (f.Channels < 1 || f.SampleRate < 1 || f.BlockAlign != f.Channels * SampleCodec.BytesPerSample(encoding))
            {
                throw new InvalidAudioFileException($"'{path}': inconsistent format header ({f.Channels} channels, {f.SampleRate} Hz, block align {f.BlockAlign}).");
            }

            if (dataStart + reader.Length > stream.Length)
            {
                throw new InvalidAudioFileException(
                    $"'{path}' is truncated: its data chunk declares {reader.Length} bytes but only {Math.Max(0, stream.Length - dataStart)} are present.");
            }

            if (reader.Length % f.BlockAlign != 0)
            {
                throw new InvalidAudioFileException($"'{path}' is truncated: its data chunk ({reader.Length} bytes) is not a whole number of {f.BlockAlign}-byte frames.");
            }

            if (reader.Length == 0)
            {
                throw new InvalidAudioFileException($"'{path}' has no audio (zero-length data chunk).");
            }

            return new WavReader(path, stream, reader, encoding);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="interleaved"/>.Length / Channels frames; returns the number of frames read.</summary>
    public int ReadFrames(Span<float> interleaved)
    {
        int frames = interleaved.Length / Channels;
        int bytes = frames * Format.BlockAlign;
        if (_raw.Length < bytes)
        {
            _raw = new byte[bytes];
        }

        int got = 0;
        while (got < bytes)
        {
            int n = _reader.Read(_raw, got, bytes - got);
            if (n <= 0)
            {
                break;
            }

            got += n;
        }

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
        _reader.Dispose();
        _stream.Dispose();
    }

    private static SampleEncoding Classify(string path, WaveFormat f)
    {
        WaveFormatEncoding tag = f.Encoding;
        if (tag == WaveFormatEncoding.Extensible)
        {
            // NAudio 2.2.1 returns WAVE_FORMAT_EXTENSIBLE as WaveFormatExtraData, never WaveFormatExtensible:
            // the sub-format GUID sits at bytes 6..21 of the extra data (after valid bits and the channel mask).
            Guid sub = f is WaveFormatExtensible ext ? ext.SubFormat
                : f is WaveFormatExtraData extra && f.ExtraSize >= 22 ? new Guid(extra.ExtraData.AsSpan(6, 16))
                : Guid.Empty;
            tag = sub == PcmSubFormat ? WaveFormatEncoding.Pcm
                : sub == FloatSubFormat ? WaveFormatEncoding.IeeeFloat
                : WaveFormatEncoding.Unknown;
        }

        return (tag, f.BitsPerSample) switch
        {
            (WaveFormatEncoding.Pcm, 8) => SampleEncoding.Pcm8,
            (WaveFormatEncoding.Pcm, 16) => SampleEncoding.Pcm16,
            (WaveFormatEncoding.Pcm, 24) => SampleEncoding.Pcm24,
            (WaveFormatEncoding.Pcm, 32) => SampleEncoding.Pcm32,
            (WaveFormatEncoding.IeeeFloat, 32) => SampleEncoding.Float32,
            (WaveFormatEncoding.IeeeFloat, 64) => SampleEncoding.Float64,
            _ => throw new InvalidAudioFileException(
                $"'{path}' uses an unsupported encoding ({f.Encoding}, {f.BitsPerSample} bits); supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit."),
        };
    }
}
