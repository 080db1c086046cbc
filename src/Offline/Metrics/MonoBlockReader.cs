using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Reads a WAV file block by block as the single signal a metric compares, mixed down exactly as
/// <see cref="MetricAudio.MixDown"/> does (the float mean of the channels, summed in double), optionally only its
/// first <c>limit</c> frames. Memory is one block, whatever the file's length.
/// </summary>
public sealed class MonoBlockReader : IDisposable
{
    private const int BlockFrames = 4096;
    private readonly WavReader _reader;
    private readonly float[] _interleaved;
    private long _left;

    /// <exception cref="InvalidAudioFileException">Missing, unreadable or malformed file.</exception>
    public MonoBlockReader(string path)
    {
        _reader = WavReader.Open(path);
        _interleaved = new float[BlockFrames * _reader.Channels];
        Limit = _reader.FrameCount;
        _left = Limit;
    }

    /// <summary>Frames in the file.</summary>
    public long FrameCount => _reader.FrameCount;

    public int SampleRate => _reader.SampleRate;

    /// <summary>Frames a pass reads (the whole file unless lowered, e.g. to the shorter file's length).</summary>
    public long Limit { get; private set; }

    /// <summary>Reads only the first <paramref name="frames"/> frames in every pass from now on.</summary>
    public void LimitTo(long frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        Limit = Math.Min(frames, _reader.FrameCount);
        Rewind();
    }

    /// <summary>Starts a new pass from the first frame.</summary>
    public void Rewind()
    {
        _reader.Rewind();
        _left = Limit;
    }

    /// <summary>Fills <paramref name="mono"/> with up to 4096 samples; returns how many (0 at the end of the pass).</summary>
    /// <exception cref="InvalidAudioFileException">The file ended before its header said it would.</exception>
    public int Read(Span<double> mono)
    {
        int want = (int)Math.Min(Math.Min(mono.Length, BlockFrames), _left);
        if (want == 0)
        {
            return 0;
        }

        int channels = _reader.Channels;
        int got = _reader.ReadFrames(_interleaved.AsSpan(0, want * channels));
        if (got == 0)
        {
            throw new InvalidAudioFileException($"'{_reader.Path}' ended early at frame {Limit - _left} of {Limit}.");
        }

        for (int i = 0; i < got; i++)
        {
            if (channels == 1)
            {
                mono[i] = _interleaved[i];
                continue;
            }

            double sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += _interleaved[(i * channels) + c];
            }

            mono[i] = (float)(sum / channels);
        }

        _left -= got;
        return got;
    }

    public void Dispose() => _reader.Dispose();
}
