using System.Buffers.Binary;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// Where a RIFF/RF64 WAVE file keeps its format and its samples, found by walking the chunks with bounded reads:
/// no size a header declares is trusted before it is compared with the real file length, only the fmt and ds64
/// chunks are read (each bounded by <see cref="WavLimits"/>), every other chunk is skipped by seeking. A second data
/// chunk, a data chunk running past the end of the file, or an RF64 data size that is negative is refused, not guessed.
/// </summary>
internal sealed class RiffLayout
{
    private const uint Rf64SizeInDs64 = 0xFFFFFFFF;

    private RiffLayout(byte[] format, long dataOffset, long dataLength)
    {
        Format = format;
        DataOffset = dataOffset;
        DataLength = dataLength;
    }

    /// <summary>The raw fmt chunk.</summary>
    public byte[] Format { get; }

    public long DataOffset { get; }

    public long DataLength { get; }

    public static RiffLayout Read(Stream stream, string path)
    {
        long fileLength = stream.Length;
        Span<byte> head = stackalloc byte[12];
        if (fileLength < 12 || stream.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12)
        {
            throw Bad(path, $"is not a readable WAV file ({fileLength} bytes, shorter than a RIFF header)");
        }

        bool rf64 = head[..4].SequenceEqual("RF64"u8);
        if (!(rf64 || head[..4].SequenceEqual("RIFF"u8)) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            throw Bad(path, "is not a readable WAV file (no RIFF or RF64 WAVE header at offset 0)");
        }

        return Walk(stream, path, fileLength, rf64);
    }

    private static RiffLayout Walk(Stream stream, string path, long fileLength, bool rf64)
    {
        byte[]? format = null;
        long ds64DataSize = -1;
        long dataOffset = -1, dataLength = -1;
        long pos = 12;
        Span<byte> header = stackalloc byte[8];
        for (int count = 0; pos + 8 <= fileLength; count++)
        {
            if (count >= WavLimits.MaxChunks)
            {
                throw Bad(path, $"has more than {WavLimits.MaxChunks} chunks before offset {pos}");
            }

            stream.Position = pos;
            stream.ReadExactly(header);
            string id = ChunkId(header[..4]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            long body = pos + 8;
            if (id == "data")
            {
                if (dataOffset >= 0)
                {
                    throw Bad(path, $"has a second data chunk at offset {pos} (the first is at {dataOffset - 8}); which one holds the audio is ambiguous");
                }

                dataOffset = body;
                dataLength = rf64 && size == Rf64SizeInDs64 ? Ds64DataSize(ds64DataSize, path) : size;
                size = dataLength;
            }
            else if (body + size > fileLength)
            {
                if (format is not null && dataOffset >= 0)
                {
                    break; // trailing bytes that are not a chunk after a complete file: tolerated, as players do
                }

                throw Bad(path, $"chunk '{id}' at offset {pos} declares {size} bytes but only {fileLength - body} remain (truncated?)");
            }
            else if (id == "fmt ")
            {
                format = format is null ? ReadBody(stream, size, WavLimits.MaxFormatChunkBytes, id, pos, path)
                    : throw Bad(path, $"has a second fmt chunk at offset {pos}");
            }
            else if (id == "ds64" && rf64)
            {
                ds64DataSize = ReadDs64(ReadBody(stream, size, WavLimits.MaxDs64ChunkBytes, id, pos, path), path);
            }

            pos = body + size + (size & 1); // chunks are padded to an even length
        }

        return Complete(path, fileLength, format, dataOffset, dataLength);
    }

    private static RiffLayout Complete(string path, long fileLength, byte[]? format, long dataOffset, long dataLength)
    {
        if (format is null)
        {
            throw Bad(path, "has no fmt chunk");
        }

        if (dataOffset < 0)
        {
            throw Bad(path, "has no data chunk");
        }

        if (dataOffset + dataLength > fileLength)
        {
            throw new InvalidAudioFileException(
                $"'{path}' is truncated: its data chunk declares {dataLength} bytes but only {Math.Max(0, fileLength - dataOffset)} are present.");
        }

        return new RiffLayout(format, dataOffset, dataLength);
    }

    private static long Ds64DataSize(long ds64DataSize, string path) => ds64DataSize >= 0 ? ds64DataSize
        : throw Bad(path, "is RF64 and its data chunk defers its size to a ds64 chunk, but no ds64 chunk with a valid data size precedes it");

    private static long ReadDs64(byte[] body, string path)
    {
        const int MinDs64 = 24; // riff size, data size, sample count: three 64-bit fields
        if (body.Length < MinDs64)
        {
            throw Bad(path, $"ds64 chunk is {body.Length} bytes, shorter than its {MinDs64} bytes of sizes");
        }

        long dataSize = BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(8));
        return dataSize >= 0 ? dataSize : throw Bad(path, $"ds64 chunk declares a negative data size ({dataSize})");
    }

    private static byte[] ReadBody(Stream stream, long size, int max, string id, long pos, string path)
    {
        if (size > max)
        {
            throw Bad(path, $"'{id}' chunk at offset {pos} declares {size} bytes, more than the {max} rtdenoise reads");
        }

        var body = new byte[size];
        stream.ReadExactly(body);
        return body;
    }

    private static string ChunkId(ReadOnlySpan<byte> id)
    {
        Span<char> c = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            c[i] = id[i] is >= 0x20 and < 0x7F ? (char)id[i] : '?';
        }

        return new string(c);
    }

    private static InvalidAudioFileException Bad(string path, string why) => new($"'{path}' {why}.");
}
