using System.Runtime.InteropServices;
using RtDenoise.Engine.Live;

namespace RtDenoise.Engine.Tests.Live;

public sealed class SpscFloatRingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1000)]
    public void RejectsCapacityThatIsNotAPowerOfTwo(int capacity)
    {
        Assert.Throws<ArgumentException>(() => new SpscFloatRing(capacity));
    }

    [Fact]
    public void IndexBlockKeepsProducerAndConsumerOnSeparate128ByteLines()
    {
        // Disruptor-net ExplicitStructLayoutTests: padding is asserted, not assumed.
        Type t = typeof(SpscFloatRing.RingIndices);
        int write = (int)Marshal.OffsetOf(t, nameof(SpscFloatRing.RingIndices.WriteIndex));
        int cachedRead = (int)Marshal.OffsetOf(t, nameof(SpscFloatRing.RingIndices.CachedReadIndex));
        int read = (int)Marshal.OffsetOf(t, nameof(SpscFloatRing.RingIndices.ReadIndex));
        int cachedWrite = (int)Marshal.OffsetOf(t, nameof(SpscFloatRing.RingIndices.CachedWriteIndex));
        Assert.True(write >= 128, "leading padding");
        Assert.Equal(write / 128, cachedRead / 128);
        Assert.Equal(read / 128, cachedWrite / 128);
        Assert.True(read - write >= 128, "producer and consumer lines apart");
        Assert.True(Marshal.SizeOf(t) - cachedWrite - 8 >= 128 - 16, "trailing padding");
    }

    [Fact]
    public void WrapsAroundAndReportsPartialWritesAndReads()
    {
        var ring = new SpscFloatRing(8);
        float[] a = [1, 2, 3, 4, 5, 6];
        Assert.Equal(6, ring.Write(a));
        var got = new float[4];
        Assert.Equal(4, ring.Read(got));
        Assert.Equal([1f, 2, 3, 4], got);
        Assert.Equal(6, ring.Write(new float[] { 7, 8, 9, 10, 11, 12, 13 })); // 2 stored + 6 free → only 6 fit
        Assert.Equal(8, ring.Count);
        var all = new float[10];
        Assert.Equal(8, ring.Read(all));
        Assert.Equal([5f, 6, 7, 8, 9, 10, 11, 12], all[..8]);
        Assert.Equal(0, ring.Read(all));
    }

    [Fact]
    public void SkipDiscardsOldestSamples()
    {
        var ring = new SpscFloatRing(16);
        ring.Write(new float[] { 1, 2, 3, 4, 5 });
        Assert.Equal(3, ring.Skip(3));
        var got = new float[5];
        Assert.Equal(2, ring.Read(got));
        Assert.Equal([4f, 5], got[..2]);
        Assert.Equal(0, ring.Skip(10));
    }

    [Fact]
    public void TwoThreadsTransferAnOrderedSequenceWithoutLossOrReordering()
    {
        // Producer writes 0,1,2,... in random-sized chunks; consumer must see exactly that sequence.
        const int total = 2_000_000;
        var ring = new SpscFloatRing(1024);
        var producer = new Thread(() =>
        {
            var rng = new Random(1234);
            var chunk = new float[300];
            int next = 0;
            while (next < total)
            {
                int n = Math.Min(rng.Next(1, chunk.Length), total - next);
                for (int i = 0; i < n; i++)
                {
                    chunk[i] = (next + i) % 1_000_000;
                }

                int written = ring.Write(chunk.AsSpan(0, n));
                next += written;
                if (written == 0)
                {
                    Thread.Yield();
                }
            }
        });
        producer.Start();
        var rngC = new Random(99);
        var buffer = new float[257];
        int expected = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (expected < total && DateTime.UtcNow < deadline)
        {
            int got = ring.Read(buffer.AsSpan(0, rngC.Next(1, buffer.Length)));
            for (int i = 0; i < got; i++)
            {
                Assert.Equal((expected + i) % 1_000_000, buffer[i]);
            }

            expected += got;
            if (got == 0)
            {
                Thread.Yield();
            }
        }

        producer.Join();
        Assert.Equal(total, expected);
    }
}
