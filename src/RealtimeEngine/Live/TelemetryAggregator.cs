using System.Diagnostics;
using HdrHistogram;
using Serilog;

namespace RtDenoise.Engine.Live;

/// <summary>
/// Background reader of the <see cref="TelemetryChannel"/>: every <see cref="PollInterval"/> it drains the channel
/// into an HdrHistogram of hop processing time (nanoseconds, 3 significant digits), keeps the latest levels and
/// fills, logs a debug summary every few seconds through Serilog and hands a snapshot to an optional live display.
/// Runs on its own background thread so nothing here touches the audio or engine threads.
/// </summary>
public sealed class TelemetryAggregator : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly TelemetryChannel _channel;
    private readonly Action<TelemetrySnapshot>? _display;
    private readonly TimeSpan _displayInterval;
    private readonly LongHistogram _hopNanoseconds = new(highestTrackableValue: TimeSpan.TicksPerSecond * 100 * 10, numberOfSignificantValueDigits: 3);
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly object _gate = new();
    private HopTelemetry _last;
    private double _inputRmsSmoothed;
    private double _outputRmsSmoothed;
    private long _hops;

    // The largest hop time so far, kept here because HdrHistogram's GetMaxValue() walks the recorded values through
    // LINQ enumerators: about 300 bytes of garbage per call, ten calls a second, which piled up in the live process
    // until a collection came (GetValueAtPercentile is a plain loop over the counts and allocates nothing).
    private long _maxNanoseconds;

    public TelemetryAggregator(TelemetryChannel channel, Action<TelemetrySnapshot>? display, TimeSpan displayInterval)
    {
        _channel = channel;
        _display = display;
        _displayInterval = displayInterval;
        _thread = new Thread(Run) { IsBackground = true, Name = "rtdenoise-telemetry" };
        _thread.Start();
    }

    /// <summary>Stops the reader after a final drain; returns the final snapshot.</summary>
    public TelemetrySnapshot Stop()
    {
        _stop.Set();
        _thread.Join(TimeSpan.FromSeconds(2));
        lock (_gate)
        {
            Drain();
            return SnapshotLocked();
        }
    }

    public TelemetrySnapshot Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }

    private static double Dbfs(double rms) => rms <= 1e-10 ? -200 : 20 * Math.Log10(rms);

    private void Run()
    {
        long lastLog = Stopwatch.GetTimestamp();
        long lastDisplay = lastLog;
        while (!_stop.Wait(PollInterval))
        {
            TelemetrySnapshot snapshot;
            lock (_gate)
            {
                Drain();
                snapshot = SnapshotLocked();
            }

            long now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(lastLog, now) >= LogInterval && Log.IsEnabled(Serilog.Events.LogEventLevel.Debug))
            {
                lastLog = now;
                Log.Debug(
                    "hops {Hops}, hop µs p50 {P50:F0} p99 {P99:F0} max {Max:F0}, xruns {Xruns}, in {In:F1} dBFS, out {Out:F1} dBFS, fill {InFill}/{OutFill}, telemetry dropped {Dropped}",
                    snapshot.Hops,
                    snapshot.HopP50Microseconds,
                    snapshot.HopP99Microseconds,
                    snapshot.HopMaxMicroseconds,
                    snapshot.Xruns,
                    snapshot.InputDbfs,
                    snapshot.OutputDbfs,
                    snapshot.InputFill,
                    snapshot.OutputFill,
                    snapshot.Dropped);
            }

            if (_display is not null && Stopwatch.GetElapsedTime(lastDisplay, now) >= _displayInterval)
            {
                lastDisplay = now;
                _display(snapshot);
            }
        }
    }

    private void Drain()
    {
        while (_channel.Reader.TryRead(out HopTelemetry hop))
        {
            long ns = (long)(hop.ProcessTicks * (1e9 / Stopwatch.Frequency));
            long clamped = Math.Clamp(ns, 0, _hopNanoseconds.HighestTrackableValue);
            _hopNanoseconds.RecordValue(clamped);
            _maxNanoseconds = Math.Max(_maxNanoseconds, clamped);
            // ~0.3 s exponential smoothing of the levels at 10 ms hops: a readable meter, not a per-hop flicker.
            _inputRmsSmoothed += 0.03 * ((hop.InputRms * (double)hop.InputRms) - _inputRmsSmoothed);
            _outputRmsSmoothed += 0.03 * ((hop.OutputRms * (double)hop.OutputRms) - _outputRmsSmoothed);
            _last = hop;
            _hops++;
        }
    }

    private TelemetrySnapshot SnapshotLocked()
    {
        bool any = _hopNanoseconds.TotalCount > 0;
        return new TelemetrySnapshot(
            _hops,
            any ? _hopNanoseconds.GetValueAtPercentile(50) / 1000.0 : 0,
            any ? _hopNanoseconds.GetValueAtPercentile(99) / 1000.0 : 0,
            any ? _hopNanoseconds.HighestEquivalentValue(_maxNanoseconds) / 1000.0 : 0,
            _last.Xruns,
            Dbfs(Math.Sqrt(_inputRmsSmoothed)),
            Dbfs(Math.Sqrt(_outputRmsSmoothed)),
            _last.InputFill,
            _last.OutputFill,
            _channel.Dropped);
    }
}
