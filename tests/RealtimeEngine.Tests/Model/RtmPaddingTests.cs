using System.Buffers.Binary;
using System.IO.Hashing;
using RtDenoise.Engine.Model;
using RtDenoise.Offline.Model;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>Padding must be zero and nothing may sit between the last payload and the checksum.</summary>
public sealed class RtmPaddingTests
{
    [Fact]
    public void Non_zero_padding_after_the_layer_table_is_refused_naming_the_offset()
    {
        RtmModel m = TestModels.Random(3);
        byte[] b = RtmWriter.ToBytes(m);
        long tableEnd = RtmFormat.HeaderSize + (8L * m.FeatureCount) + ((long)RtmFormat.LayerEntrySize * m.Layers.Count);
        Assert.True(RtmFormat.Align(tableEnd) > tableEnd, "this model has no padding after its table; pick another seed");
        b[tableEnd] = 0x5A;
        Rehash(b);
        InvalidModelException ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(b, "pad.rtm"));
        Assert.Contains($"padding byte at offset {tableEnd}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_zero_padding_between_or_after_payloads_is_refused_naming_the_offset()
    {
        RtmModel m = TestModels.Random(3);
        byte[] good = RtmWriter.ToBytes(m);
        int rejected = 0;
        foreach (long at in PaddingOffsetsAfterPayloads(good, m))
        {
            byte[] b = (byte[])good.Clone();
            b[at] = 1;
            Rehash(b);
            InvalidModelException ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(b, "pad.rtm"));
            Assert.Contains($"offset {at}", ex.Message, StringComparison.Ordinal);
            rejected++;
        }

        Assert.True(rejected > 0, "the test model has no padding after its payloads");
    }

    [Fact]
    public void Extra_bytes_before_the_checksum_are_refused_naming_the_offset()
    {
        byte[] good = RtmWriter.ToBytes(TestModels.Random(3));
        var b = new byte[good.Length + 64];
        good.AsSpan(0, good.Length - RtmFormat.ChecksumSize).CopyTo(b);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(56), (ulong)b.Length);
        Rehash(b);
        InvalidModelException ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(b, "extra.rtm"));
        Assert.Contains($"64 extra bytes at offset {good.Length - RtmFormat.ChecksumSize}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_models_have_zero_padding_and_still_load()
    {
        string models = Path.GetDirectoryName(Audio.AtomicFileWriterTests.ShippedModel())!;
        string[] files = Directory.GetFiles(models, "*.rtm", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (string f in files)
        {
            RtmModel r = RtmModel.Load(f);
            Assert.NotEmpty(r.Layers);
        }
    }

    /// <summary>The padding bytes from each payload's end to the next 64-byte boundary (or to the checksum).</summary>
    private static IEnumerable<long> PaddingOffsetsAfterPayloads(byte[] b, RtmModel m)
    {
        long tableStart = RtmFormat.HeaderSize + (8L * m.FeatureCount);
        for (int li = 0; li < m.Layers.Count; li++)
        {
            int e = (int)(tableStart + (li * RtmFormat.LayerEntrySize));
            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(e + 32));
            long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(e + 40));
            long end = offset + length;
            if (RtmFormat.Align(end) > end)
            {
                yield return end;
                yield return RtmFormat.Align(end) - 1;
            }
        }
    }

    private static void Rehash(byte[] b)
    {
        ulong h = XxHash64.HashToUInt64(b.AsSpan(0, b.Length - 8));
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(b.Length - 8), h);
    }
}
