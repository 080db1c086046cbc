using RtDenoise.Offline.Metrics.Signals;
namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Cuts a sample stream into STOI's 256-sample frames at a 128-sample hop, as pystoi does with
/// <c>range(0, len - 256, 128)</c>: frame i is complete once sample <c>i·128 + 256</c> exists, one sample past its
/// end (<see cref="StoiConstants.FrameCount"/>: the last full frame is left out when nothing follows it). Holds at
/// most a frame and a block of samples.
/// </summary>
internal sealed class StoiFramer
{
    private double[] _buffer = new double[4096];
    private int _start;
    private int _count;

    /// <summary>Appends samples.</summary>
    public void Write(ReadOnlySpan<double> samples)
    {
        if (_start + _count + samples.Length > _buffer.Length)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _count);
            _start = 0;
            if (_count + samples.Length > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, _count + samples.Length));
            }
        }

        samples.CopyTo(_buffer.AsSpan(_start + _count));
        _count += samples.Length;
    }

    /// <summary>Copies the next complete frame into <paramref name="frame"/> (256 values) and moves on by a hop;
    /// false when the next frame is not complete yet.</summary>
    public bool TryTake(Span<double> frame)
    {
        if (_count <= StoiConstants.FrameLength)
        {
            return false;
        }

        _buffer.AsSpan(_start, StoiConstants.FrameLength).CopyTo(frame);
        _start += StoiConstants.Hop;
        _count -= StoiConstants.Hop;
        return true;
    }
}
