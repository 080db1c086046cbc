using RtDenoise.Offline.Metrics.Signals;
namespace RtDenoise.Offline.Metrics;

/// <summary>
/// The overlap-add half of pystoi's silent-frame removal, one kept frame at a time: each kept frame is windowed and
/// added at the next 128-sample step of the reduced signal, so when frame c arrives the reduced samples
/// <c>[c·128, c·128 + 128)</c> are final (no later frame reaches them) and the frame's second half waits for the
/// next one.
/// <code>
///   reduced:  | c-1 first half | (c-1 second) + (c first) | (c second) + (c+1 first) | ...
///                                └─ final when c arrives ─┘
/// </code>
/// Additions happen in frame order, earlier frame first, as in the whole-signal form, so the samples are the same.
/// </summary>
internal sealed class KeptFrameOverlapAdd
{
    private readonly double[] _window = StoiConstants.AnalysisWindow();
    private readonly double[] _tail = new double[StoiConstants.Hop];

    /// <summary>The pending second half of the last kept frame: the reduced signal's last 128 samples once the
    /// input has ended.</summary>
    public ReadOnlySpan<double> Tail => _tail;

    /// <summary>Adds the kept <paramref name="frame"/> (256 raw samples) and writes the 128 reduced samples it
    /// finalises into <paramref name="finished"/>.</summary>
    public void Add(ReadOnlySpan<double> frame, Span<double> finished)
    {
        const int hop = StoiConstants.Hop;
        for (int n = 0; n < hop; n++)
        {
            finished[n] = _tail[n] + (_window[n] * frame[n]);
        }

        for (int n = 0; n < hop; n++)
        {
            _tail[n] = 0.0 + (_window[hop + n] * frame[hop + n]);
        }
    }
}
