using System.Numerics.Tensors;

namespace RtDenoise.Offline.Metrics.Signals;

/// <summary>
/// SciPy's <c>resample_poly</c> as a stream (see <see cref="MetricResampler"/> for the filter and the indexing):
/// input is written in blocks of any size, and every output whose inputs have all arrived can be read at once, so a
/// file of any length is resampled in bounded memory. Once <see cref="Complete"/> is called the remaining outputs up
/// to <c>ceil(N·p/q)</c> are read with zeros beyond the input, exactly as the whole-signal form does.
/// </summary>
/// <remarks>
/// Output i meets the inputs <c>n = t/p − taps + 1 .. t/p</c> with <c>t = (i + skip)·q − pre</c>; those never move
/// backwards as i grows, so the history keeps only the inputs from the oldest one the next output needs.
/// </remarks>
internal sealed class PolyphaseStream
{
    private readonly int _up;
    private readonly int _down;
    private readonly int _prePad;
    private readonly int _skip;
    private readonly int _tapsPerPhase;
    private readonly double[][] _phases;
    private double[] _history;
    private long _historyStart; // absolute input index of _history[0]
    private int _historyCount;
    private long _received;
    private long _next;
    private bool _complete;

    /// <param name="up">Interpolation factor p.</param>
    /// <param name="down">Decimation factor q.</param>
    /// <param name="h">The anti-aliasing filter, odd length, already multiplied by p.</param>
    public PolyphaseStream(int up, int down, double[] h)
    {
        _up = up;
        _down = down;
        int half = (h.Length - 1) / 2;
        _prePad = down - (half % down);
        _skip = (half + _prePad) / down;

        // Polyphase split: phase r holds taps h[r], h[r+p], h[r+2p], ... stored reversed so that each output is a
        // forward dot product over consecutive input samples.
        _tapsPerPhase = (h.Length + up - 1) / up;
        _phases = new double[up][];
        for (int r = 0; r < up; r++)
        {
            var taps = new double[_tapsPerPhase];
            for (int m = 0; m < _tapsPerPhase; m++)
            {
                int k = r + (m * up);
                taps[_tapsPerPhase - 1 - m] = k < h.Length ? h[k] : 0.0;
            }

            _phases[r] = taps;
        }

        _history = new double[Math.Max(4096, 2 * _tapsPerPhase)];
    }

    /// <summary>Number of outputs <c>resample_poly</c> gives for <paramref name="inputLength"/> inputs: ceil(N·p/q).</summary>
    public long OutputLength(long inputLength)
    {
        long product = inputLength * _up;
        return (product / _down) + (product % _down != 0 ? 1 : 0);
    }

    /// <summary>Appends input samples.</summary>
    public void Write(ReadOnlySpan<double> input)
    {
        if (_complete)
        {
            throw new InvalidOperationException("the stream is complete; no more input can be written.");
        }

        DropUnneededHistory();
        if (_historyCount + input.Length > _history.Length)
        {
            Array.Resize(ref _history, Math.Max(_history.Length * 2, _historyCount + input.Length));
        }

        input.CopyTo(_history.AsSpan(_historyCount));
        _historyCount += input.Length;
        _received += input.Length;
    }

    /// <summary>Marks the end of the input: the last outputs, which reach past it, become readable.</summary>
    public void Complete() => _complete = true;

    /// <summary>Reads up to <c>output.Length</c> outputs that are final; returns how many (0 when more input, or the
    /// end, is needed).</summary>
    public int Read(Span<double> output)
    {
        long total = _complete ? OutputLength(_received) : long.MaxValue;
        int produced = 0;
        while (produced < output.Length && _next < total)
        {
            long t = ((_next + _skip) * _down) - _prePad;
            if (t < 0)
            {
                output[produced++] = 0;
                _next++;
                continue;
            }

            long newest = t / _up; // input index that meets tap r (m = 0)
            if (!_complete && newest >= _received)
            {
                break;
            }

            long oldest = newest - _tapsPerPhase + 1; // input index that meets the last tap of the phase
            long from = Math.Max(oldest, 0);
            long to = Math.Min(newest, _received - 1);
            int count = (int)(to - from + 1);
            output[produced++] = count > 0
                ? TensorPrimitives.Dot(
                    _phases[(int)(t % _up)].AsSpan((int)(from - oldest), count),
                    _history.AsSpan((int)(from - _historyStart), count))
                : 0.0;
            _next++;
        }

        return produced;
    }

    // Shifts out the inputs no future output meets (amortised: only once they fill half the history).
    private void DropUnneededHistory()
    {
        long t = ((_next + _skip) * _down) - _prePad;
        long keepFrom = Math.Max(0, (Math.Max(t, 0) / _up) - _tapsPerPhase + 1);
        int drop = (int)Math.Min(keepFrom - _historyStart, _historyCount);
        if (drop <= 0 || drop < _history.Length / 2)
        {
            return;
        }

        Array.Copy(_history, drop, _history, 0, _historyCount - drop);
        _historyStart += drop;
        _historyCount -= drop;
    }
}
