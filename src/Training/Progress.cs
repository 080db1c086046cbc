using System.Diagnostics;

namespace RtDenoise.Training;

/// <summary>Progress bar with loss and ETA on stderr; when stderr is a file (background runs) it prints a fresh
/// line every 10% instead of redrawing.</summary>
public sealed class Progress
{
    private readonly TextWriter _out;
    private readonly bool _redraw;
    private int _lastDecile = -1;

    public Progress(TextWriter output, bool redraw)
    {
        _out = output;
        _redraw = redraw;
    }

    public void Update(int epoch, int epochs, int done, int total, double loss, Stopwatch runClock, double fractionOfRunDone)
    {
        ArgumentNullException.ThrowIfNull(runClock);
        double frac = total > 0 ? (double)done / total : 1;
        TimeSpan eta = fractionOfRunDone > 0
            ? TimeSpan.FromSeconds(runClock.Elapsed.TotalSeconds * (1 - fractionOfRunDone) / fractionOfRunDone)
            : TimeSpan.Zero;
        int width = 30, fill = (int)(frac * width);
        string line = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"epoch {epoch}/{epochs} [{new string('#', fill)}{new string('.', width - fill)}] {done}/{total} loss {loss:0.00000} ETA {eta:hh\\:mm\\:ss}");
        if (_redraw)
        {
            _out.Write("\r" + line);
            if (done == total)
            {
                _out.WriteLine();
            }
        }
        else
        {
            int decile = (int)(frac * 10);
            if (decile != _lastDecile)
            {
                _lastDecile = decile;
                _out.WriteLine(line);
            }
        }

        _out.Flush();
    }

    public void Reset() => _lastDecile = -1;
}
