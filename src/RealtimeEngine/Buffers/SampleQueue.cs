namespace RtDenoise.Engine.Buffers;

/// <summary>
/// Fixed-capacity FIFO of samples for one thread (the STFT's output queue, the Denoiser's resampling surplus).
/// Allocation-free after construction. Unlike <see cref="Live.SpscFloatRing"/> it has no memory barriers: it never
/// crosses threads. Overflow and underflow are internal errors (callers size it from their own bounds).
/// </summary>
public sealed class SampleQueue
{
    private readonly float[] _buffer;
    private int _head;

    public SampleQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _buffer = new float[capacity];
    }

    public int Count { get; private set; }

    /// <summary>Empties the queue and puts <paramref name="zeros"/> zero samples in it (a priming delay).</summary>
    public void Reset(int zeros = 0)
    {
        Array.Clear(_buffer);
        _head = 0;
        Count = zeros;
    }

    public void Push(ReadOnlySpan<float> samples)
    {
        int cap = _buffer.Length;
        if (Count + samples.Length > cap)
        {
            throw new InvalidOperationException("internal: sample queue overflow");
        }

        int tail = (_head + Count) % cap;
        int first = Math.Min(samples.Length, cap - tail);
        samples[..first].CopyTo(_buffer.AsSpan(tail));
        samples[first..].CopyTo(_buffer);
        Count += samples.Length;
    }

    public void Pop(Span<float> dest)
    {
        if (dest.Length > Count)
        {
            throw new InvalidOperationException("internal: sample queue underrun");
        }

        int cap = _buffer.Length;
        int first = Math.Min(dest.Length, cap - _head);
        _buffer.AsSpan(_head, first).CopyTo(dest);
        _buffer.AsSpan(0, dest.Length - first).CopyTo(dest[first..]);
        _head = (_head + dest.Length) % cap;
        Count -= dest.Length;
    }
}
