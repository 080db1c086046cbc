using System.Buffers.Binary;
using System.IO.Hashing;
using RtDenoise.Engine.Model;
using RtDenoise.Offline.Model;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>
/// Resource bombs in model files: a device, a FIFO or a sparse file is refused before it is read, and a valid but
/// absurd model (too many weights, or too many multiply-adds per second to run in real time) is refused from its
/// layer table, before any payload is copied.
/// </summary>
public sealed class RtmLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-rtmlim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_device_is_refused_by_kind_before_reading()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidModelException ex = Assert.Throws<InvalidModelException>(() => RtmModel.Load("/dev/zero"));
        Assert.Contains("'/dev/zero' is a device, not a regular file", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public async Task A_fifo_is_refused_without_blocking()
    {
        string message = await FifoRefusal.MessageOf<InvalidModelException>(Path.Combine(_dir, "m.rtm"), f => RtmModel.Load(f));
        Assert.Contains("FIFO", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sparse_file_over_the_limit_is_refused_by_its_length_without_reading()
    {
        string path = Path.Combine(_dir, "sparse.rtm");
        using (var f = new FileStream(path, FileMode.CreateNew))
        {
            f.SetLength(600L * 1024 * 1024);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidModelException ex = Assert.Throws<InvalidModelException>(() => RtmModel.Load(path));
        Assert.Contains($"more than the {RtmFormat.MaxFileBytes}-byte limit", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void Too_many_weights_are_refused_from_the_layer_table()
    {
        byte[] b = WithHiddenWidths(4096, 4096);
        InvalidModelException ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(b, "big.rtm"));
        Assert.Contains($"exceed the {RtmFormat.MaxWeights}-weight limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_multiply_adds_per_second_are_refused_before_payloads_are_copied()
    {
        // 66 features, 1024, 1024, 33 bins: 1.15 M weights (under the weight limit) every 32-sample hop at 16 kHz.
        byte[] b = WithHiddenWidths(1024, 1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidModelException ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(b, "slow.rtm"));
        Assert.Contains("multiply-adds per second of audio", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 10);
    }

    /// <summary>A small valid model whose layer table is patched to declare the given hidden widths.</summary>
    private static byte[] WithHiddenWidths(uint first, uint second)
    {
        RtmModel m = TestModels.Random(3);
        byte[] b = RtmWriter.ToBytes(m);
        long table = RtmFormat.HeaderSize + (8L * m.FeatureCount);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)table + 4), first);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)table + RtmFormat.LayerEntrySize), first);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)table + RtmFormat.LayerEntrySize + 4), second);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)table + (2 * RtmFormat.LayerEntrySize)), second);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(b.Length - RtmFormat.ChecksumSize), XxHash64.HashToUInt64(b.AsSpan(0, b.Length - RtmFormat.ChecksumSize)));
        return b;
    }
}
