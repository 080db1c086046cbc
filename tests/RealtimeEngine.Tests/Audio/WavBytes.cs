using System.Text;

namespace RtDenoise.Engine.Tests.Audio;

/// <summary>Builds WAV files chunk by chunk, so a test can write any header a hostile or broken writer could.</summary>
internal sealed class WavBytes
{
    private readonly MemoryStream _ms = new();
    private readonly BinaryWriter _w;

    public WavBytes(string riff = "RIFF")
    {
        _w = new BinaryWriter(_ms);
        _w.Write(Encoding.ASCII.GetBytes(riff));
        _w.Write(0u); // patched in ToArray
        _w.Write(Encoding.ASCII.GetBytes("WAVE"));
    }

    /// <summary>A plain fmt chunk (16 bytes) with the given fields.</summary>
    public WavBytes Fmt(ushort tag, int channels, int rate, int bits, int? blockAlign = null)
    {
        int align = blockAlign ?? (channels * bits / 8);
        _w.Write(Encoding.ASCII.GetBytes("fmt "));
        _w.Write(16);
        _w.Write(tag);
        _w.Write((ushort)channels);
        _w.Write(rate);
        _w.Write(rate * align);
        _w.Write((ushort)align);
        _w.Write((ushort)bits);
        return this;
    }

    /// <summary>A WAVE_FORMAT_EXTENSIBLE fmt chunk (40 bytes) with a PCM sub-format.</summary>
    public WavBytes FmtExtensible(int channels, int rate, int bits, int validBits)
    {
        int align = channels * bits / 8;
        _w.Write(Encoding.ASCII.GetBytes("fmt "));
        _w.Write(40);
        _w.Write((ushort)0xFFFE);
        _w.Write((ushort)channels);
        _w.Write(rate);
        _w.Write(rate * align);
        _w.Write((ushort)align);
        _w.Write((ushort)bits);
        _w.Write((ushort)22);
        _w.Write((ushort)validBits);
        _w.Write(0);
        _w.Write(new Guid("00000001-0000-0010-8000-00aa00389b71").ToByteArray());
        return this;
    }

    /// <summary>A chunk with the given id, declared size and body (the body may be shorter than declared).</summary>
    public WavBytes Chunk(string id, uint declaredSize, byte[] body)
    {
        _w.Write(Encoding.ASCII.GetBytes(id));
        _w.Write(declaredSize);
        _w.Write(body);
        if ((body.Length & 1) == 1 && body.Length == declaredSize)
        {
            _w.Write((byte)0);
        }

        return this;
    }

    public WavBytes Data(byte[] body) => Chunk("data", (uint)body.Length, body);

    /// <summary>An RF64 ds64 chunk declaring the given chunk size and data size.</summary>
    public WavBytes Ds64(uint chunkSize, long dataSize)
    {
        _w.Write(Encoding.ASCII.GetBytes("ds64"));
        _w.Write(chunkSize);
        _w.Write(0L); // riff size
        _w.Write(dataSize);
        _w.Write(0L); // sample count
        _w.Write(0); // table length
        return this;
    }

    public byte[] ToArray()
    {
        _w.Flush();
        byte[] bytes = _ms.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    /// <summary>16-bit mono samples of a quiet ramp.</summary>
    public static byte[] Pcm16(int frames, int channels = 1)
    {
        var b = new byte[frames * channels * 2];
        for (int i = 0; i < b.Length / 2; i++)
        {
            BitConverter.TryWriteBytes(b.AsSpan(2 * i), (short)(i % 1000));
        }

        return b;
    }
}
