using System.Buffers.Binary;
using NAudio.Wave;
using RtDenoise.Engine;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// The fields of a WAV fmt chunk, read from its raw bytes and validated before anything divides by or allocates from
/// them: a plain or WAVE_FORMAT_EXTENSIBLE PCM 8/16/24/32 or IEEE float 32/64 format, 1..<see cref="WavLimits.MaxChannels"/>
/// channels, a rate in <see cref="SampleRateRange"/>, a block align of channels × sample size and, for EXTENSIBLE,
/// valid bits in 1..the container's bits (the writer copies the format, so a bad field would be passed on).
/// </summary>
internal sealed class WavFormatChunk
{
    private const ushort TagPcm = 1;
    private const ushort TagIeeeFloat = 3;
    private const ushort TagExtensible = 0xFFFE;
    private const int PlainSize = 16;
    private const int ExtensibleSize = 40;

    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    private readonly byte[] _raw;

    private WavFormatChunk(byte[] raw, SampleEncoding encoding)
    {
        _raw = raw;
        Encoding = encoding;
    }

    public SampleEncoding Encoding { get; }

    public int Channels => BinaryPrimitives.ReadUInt16LittleEndian(_raw.AsSpan(2));

    public int BlockAlign => BinaryPrimitives.ReadUInt16LittleEndian(_raw.AsSpan(12));

    /// <summary>Validates the raw chunk; every refusal names the file and the field.</summary>
    public static WavFormatChunk Parse(byte[] raw, string path)
    {
        if (raw.Length < PlainSize)
        {
            throw Bad(path, $"fmt chunk is {raw.Length} bytes, shorter than the {PlainSize} every format needs");
        }

        ReadOnlySpan<byte> s = raw;
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(s);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(s[2..]);
        long rate = BinaryPrimitives.ReadUInt32LittleEndian(s[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(s[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(s[14..]);
        if (channels < 1 || channels > WavLimits.MaxChannels)
        {
            throw Bad(path, $"{channels} channels is outside what rtdenoise reads (1..{WavLimits.MaxChannels} channels)");
        }

        if (rate > int.MaxValue || !SampleRateRange.Contains((int)rate))
        {
            throw Bad(path, $"sample rate {rate} Hz is outside what rtdenoise reads ({SampleRateRange.Describe()})");
        }

        SampleEncoding encoding = Classify(tag == TagExtensible ? ExtensibleTag(s, bits, path) : tag, bits, path);
        int expectedAlign = channels * SampleCodec.BytesPerSample(encoding);
        if (blockAlign != expectedAlign)
        {
            throw Bad(path, $"block align {blockAlign} does not match {channels} channels of {bits}-bit samples ({expectedAlign} bytes per frame)");
        }

        return new WavFormatChunk(raw, encoding);
    }

    /// <summary>NAudio's own descriptor of these bytes, kept so the output is written in exactly the input's format.</summary>
    public WaveFormat ToWaveFormat(string path)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_raw));
            return WaveFormat.FromFormatChunk(reader, _raw.Length);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw Bad(path, $"fmt chunk cannot be read: {ex.Message}");
        }
    }

    private static ushort ExtensibleTag(ReadOnlySpan<byte> s, int bits, string path)
    {
        if (s.Length < ExtensibleSize || BinaryPrimitives.ReadUInt16LittleEndian(s[16..]) < ExtensibleSize - 18)
        {
            throw Bad(path, $"WAVE_FORMAT_EXTENSIBLE fmt chunk is {s.Length} bytes (extension size {(s.Length >= 18 ? BinaryPrimitives.ReadUInt16LittleEndian(s[16..]) : 0)}); it needs {ExtensibleSize} (extension 22)");
        }

        int validBits = BinaryPrimitives.ReadUInt16LittleEndian(s[18..]);
        if (validBits < 1 || validBits > bits)
        {
            throw Bad(path, $"WAVE_FORMAT_EXTENSIBLE valid bits {validBits} is outside 1..{bits} (the container's bits per sample)");
        }

        var sub = new Guid(s.Slice(24, 16));
        return sub == PcmSubFormat ? TagPcm : sub == FloatSubFormat ? TagIeeeFloat : (ushort)0;
    }

    private static SampleEncoding Classify(ushort tag, int bits, string path) => (tag, bits) switch
    {
        (TagPcm, 8) => SampleEncoding.Pcm8,
        (TagPcm, 16) => SampleEncoding.Pcm16,
        (TagPcm, 24) => SampleEncoding.Pcm24,
        (TagPcm, 32) => SampleEncoding.Pcm32,
        (TagIeeeFloat, 32) => SampleEncoding.Float32,
        (TagIeeeFloat, 64) => SampleEncoding.Float64,
        _ => throw new InvalidAudioFileException(
            $"'{path}' uses an unsupported encoding ({DescribeTag(tag)}, {bits} bits); supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit."),
    };

    private static string DescribeTag(ushort tag) => tag switch
    {
        TagPcm => "Pcm",
        TagIeeeFloat => "IeeeFloat",
        0 => "Extensible with an unknown sub-format",
        _ => $"format tag 0x{tag:x4}",
    };

    private static InvalidAudioFileException Bad(string path, string why) => new($"'{path}': {why}.");
}
