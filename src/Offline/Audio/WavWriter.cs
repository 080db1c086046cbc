using NAudio.Wave;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// Writes float frames to a WAV file in a given format (NAudio's <see cref="WaveFileWriter"/> does the RIFF
/// framing). Use <see cref="AtomicFileWriter"/> around it so a failed run leaves no partial file.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private readonly WaveFileWriter _writer;
    private readonly SampleEncoding _encoding;
    private byte[] _raw = [];

    public WavWriter(Stream destination, WaveFormat format, SampleEncoding encoding)
    {
        _writer = new WaveFileWriter(new NonClosingStream(destination), format);
        _encoding = encoding;
        Channels = format.Channels;
    }

    public int Channels { get; }

    public void WriteFrames(ReadOnlySpan<float> interleaved)
    {
        int bytes = interleaved.Length * SampleCodec.BytesPerSample(_encoding);
        if (_raw.Length < bytes)
        {
            _raw = new byte[bytes];
        }

        SampleCodec.Encode(interleaved, _encoding, _raw.AsSpan(0, bytes));
        _writer.Write(_raw, 0, bytes);
    }

    /// <summary>Writes a mono or multi-channel float file (one array per channel) as 32-bit float or 16-bit PCM.</summary>
    public static void WriteAll(string path, float[][] channels, int sampleRate, SampleEncoding encoding = SampleEncoding.Float32)
    {
        WaveFormat format = encoding switch
        {
            SampleEncoding.Float32 => WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels.Length),
            SampleEncoding.Float64 => WaveFormat.CreateCustomFormat(WaveFormatEncoding.IeeeFloat, sampleRate, channels.Length, sampleRate * channels.Length * 8, channels.Length * 8, 64),
            _ => new WaveFormat(sampleRate, SampleCodec.BytesPerSample(encoding) * 8, channels.Length),
        };
        using var atomic = new AtomicFileWriter(path, requireSeekable: true);
        using (var w = new WavWriter(atomic.Stream, format, encoding))
        {
            int frames = channels[0].Length;
            var buf = new float[Math.Min(frames, 4096) * channels.Length];
            for (int pos = 0; pos < frames; pos += 4096)
            {
                int n = Math.Min(4096, frames - pos);
                for (int i = 0; i < n; i++)
                {
                    for (int c = 0; c < channels.Length; c++)
                    {
                        buf[(i * channels.Length) + c] = channels[c][pos + i];
                    }
                }

                w.WriteFrames(buf.AsSpan(0, n * channels.Length));
            }
        }

        atomic.Commit();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Lets NAudio finalise the RIFF header on dispose without closing the caller's stream.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush()
        {
            try
            {
                inner.Flush();
            }
            catch (ArgumentOutOfRangeException ex) when (FileSizeLimit.Reached(ex))
            {
                throw FileSizeLimit.Error(ex);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                inner.Write(buffer, offset, count);
            }
            catch (ArgumentOutOfRangeException ex) when (FileSizeLimit.Reached(ex))
            {
                throw FileSizeLimit.Error(ex);
            }
        }

        protected override void Dispose(bool disposing) => Flush();
    }
}
