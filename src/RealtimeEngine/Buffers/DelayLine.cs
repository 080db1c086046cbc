namespace RtDenoise.Engine.Buffers;

/// <summary>
/// A fixed integer delay of <see cref="Delay"/> samples (a ring of that many samples, initially silent), for blocks of
/// any size. Allocation-free after construction; input and output may be the same span (each sample is read before its
/// slot is written).
/// </summary>
public sealed class DelayLine
{
    private readonly float[] _line;
    private int _pos;

    public DelayLine(int delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        _line = new float[delay];
    }

    public int Delay => _line.Length;

    /// <summary>output[i] = the input <see cref="Delay"/> samples before input[i] (zeros before the first call).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != input.Length)
        {
            throw new ArgumentException("output must have the same length as input.", nameof(output));
        }

        int d = _line.Length;
        if (d == 0)
        {
            input.CopyTo(output);
            return;
        }

        int pos = _pos;
        for (int i = 0; i < input.Length; i++)
        {
            float x = input[i];
            output[i] = _line[pos];
            _line[pos] = x;
            pos = pos + 1 == d ? 0 : pos + 1;
        }

        _pos = pos;
    }

    public void Reset()
    {
        Array.Clear(_line);
        _pos = 0;
    }
}
