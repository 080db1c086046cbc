using System.Runtime.InteropServices;

namespace RtDenoise.Engine.Live;

// Design:
// One producer thread and one consumer thread exchange float samples through a preallocated power-of-two array.
// Both indices are monotonic 64-bit sample counts (never wrap in practice, so "full" and "empty" are never
// confused); the array slot is index & mask. Each side owns one index and publishes it with Volatile.Write
// (a release store: the samples copied before it are visible to whoever reads the index with Volatile.Read,
// an acquire load). Each side also keeps a private, possibly stale copy of the other side's index and re-reads
// the shared one only when the copy says "full" (producer) or "empty" (consumer): the shared cache line is then
// touched once per wrap instead of once per call (dotnet/runtime SingleProducerSingleConsumerQueue's
// _firstCopy/_lastCopy; Disruptor's SingleProducerSequencer gating-sequence cache).
//
// Layout of RingIndices (explicit, 384 bytes; 128-byte lines because ARM64 prefetches line pairs; runtime
// Internal/Padding.cs):
//   [  0..128) padding: keeps the array reference/mask of the owning object off the producer's line
//   [128..256) producer line: 128 WriteIndex (published) | 136 CachedReadIndex (producer-private) | padding
//   [256..384) consumer line: 256 ReadIndex (published)  | 264 CachedWriteIndex (consumer-private) | padding
// Copies are bulk, at most two span segments per call (wrap point), no lock, no allocation, no waiting: a full
// ring makes Write return fewer samples, an empty one makes Read return fewer; the caller counts that as an xrun.

/// <summary>Lock-free single-producer/single-consumer ring of float samples (see the design note in the source).</summary>
public sealed class SpscFloatRing
{
    private readonly float[] _buffer;
    private readonly int _mask;
    private RingIndices _indices;

    public SpscFloatRing(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentException($"capacity must be a power of 2 (got {capacity}).", nameof(capacity));
        }

        _buffer = new float[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _buffer.Length;

    /// <summary>Samples currently stored, from any thread (a snapshot; exact only on the consumer side).</summary>
    public int Count => (int)(Volatile.Read(ref _indices.WriteIndex) - Volatile.Read(ref _indices.ReadIndex));

    /// <summary>Smallest power of two ≥ <paramref name="samples"/> (at least 2).</summary>
    public static int CapacityFor(int samples) => (int)Math.Max(2, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)samples));

    /// <summary>Producer: copies as many samples as fit; returns how many were stored.</summary>
    public int Write(ReadOnlySpan<float> samples)
    {
        long write = _indices.WriteIndex;
        int capacity = _buffer.Length;
        long free = capacity - (write - _indices.CachedReadIndex);
        if (free < samples.Length)
        {
            _indices.CachedReadIndex = Volatile.Read(ref _indices.ReadIndex);
            free = capacity - (write - _indices.CachedReadIndex);
        }

        int n = (int)Math.Min(free, samples.Length);
        int start = (int)(write & _mask);
        int first = Math.Min(n, capacity - start);
        samples[..first].CopyTo(_buffer.AsSpan(start, first));
        samples[first..n].CopyTo(_buffer.AsSpan(0, n - first));
        Volatile.Write(ref _indices.WriteIndex, write + n); // release: publish after the samples are stored
        return n;
    }

    /// <summary>Consumer: samples available to read now.</summary>
    public int AvailableToRead()
    {
        _indices.CachedWriteIndex = Volatile.Read(ref _indices.WriteIndex);
        return (int)(_indices.CachedWriteIndex - _indices.ReadIndex);
    }

    /// <summary>Consumer: copies up to <c>destination.Length</c> samples; returns how many were read.</summary>
    public int Read(Span<float> destination)
    {
        long read = _indices.ReadIndex;
        long available = _indices.CachedWriteIndex - read;
        if (available < destination.Length)
        {
            _indices.CachedWriteIndex = Volatile.Read(ref _indices.WriteIndex);
            available = _indices.CachedWriteIndex - read;
        }

        int n = (int)Math.Min(available, destination.Length);
        int capacity = _buffer.Length;
        int start = (int)(read & _mask);
        int first = Math.Min(n, capacity - start);
        _buffer.AsSpan(start, first).CopyTo(destination);
        _buffer.AsSpan(0, n - first).CopyTo(destination[first..n]);
        Volatile.Write(ref _indices.ReadIndex, read + n); // release: the slots may be overwritten from now on
        return n;
    }

    /// <summary>Consumer: discards up to <paramref name="count"/> samples (fill resynchronisation); returns how many.</summary>
    public int Skip(int count)
    {
        long read = _indices.ReadIndex;
        _indices.CachedWriteIndex = Volatile.Read(ref _indices.WriteIndex);
        int n = (int)Math.Min(_indices.CachedWriteIndex - read, count);
        Volatile.Write(ref _indices.ReadIndex, read + n);
        return n;
    }

    /// <summary>The padded index block; offsets are checked by a layout test.</summary>
    [StructLayout(LayoutKind.Explicit, Size = (3 * CacheLine))]
    internal struct RingIndices
    {
        public const int CacheLine = 128;

        // padding: CacheLine
        [FieldOffset(CacheLine)]
        public long WriteIndex;

        [FieldOffset(CacheLine + 8)]
        public long CachedReadIndex;

        // padding: CacheLine - 16
        [FieldOffset(2 * CacheLine)]
        public long ReadIndex;

        [FieldOffset((2 * CacheLine) + 8)]
        public long CachedWriteIndex;

        // padding: CacheLine - 16
    }
}
