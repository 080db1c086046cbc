using System.Globalization;
using RtDenoise.Engine.Live;

namespace RtDenoise.HostApp.Live;

/// <summary>The `--stats` display: one line on stderr, rewritten in place (carriage return, no newline).</summary>
public sealed class StatsLine
{
    private int _lastLength;

    public void Show(TelemetrySnapshot s, double latencyMilliseconds)
    {
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"hop µs p50 {s.HopP50Microseconds,6:F0} p99 {s.HopP99Microseconds,6:F0} max {s.HopMaxMicroseconds,6:F0} | xruns {s.Xruns} | in {s.InputDbfs,6:F1} dBFS out {s.OutputDbfs,6:F1} dBFS | fill {s.InputFill}/{s.OutputFill} | latency {latencyMilliseconds:F1} ms");
        string pad = line.Length < _lastLength ? new string(' ', _lastLength - line.Length) : string.Empty;
        _lastLength = line.Length;
        Console.Error.Write($"\r{line}{pad}");
    }

    public void Finish()
    {
        if (_lastLength > 0)
        {
            Console.Error.WriteLine();
        }
    }
}
