using System.Threading.Channels;

namespace RtDenoise.Engine.Live;

/// <summary>
/// The engine thread's outlet for <see cref="HopTelemetry"/>: a bounded channel that drops the oldest record when
/// the reader falls behind (the engine never waits), counting the drops. The reader polls with TryRead on its own
/// schedule instead of awaiting, so a write never has to wake (schedule) a waiting reader from the engine thread.
/// Once the channel's internal queue has grown to <see cref="Capacity"/>, posting allocates nothing.
/// </summary>
public sealed class TelemetryChannel
{
    private readonly Channel<HopTelemetry> _channel;
    private long _dropped;

    public TelemetryChannel(int capacity = 4096)
    {
        Capacity = capacity;
        _channel = Channel.CreateBounded<HopTelemetry>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            OnDropped);
    }

    public int Capacity { get; }

    /// <summary>Records discarded because the reader was behind.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    public ChannelReader<HopTelemetry> Reader => _channel.Reader;

    /// <summary>Engine thread only.</summary>
    public void Post(in HopTelemetry record) => _channel.Writer.TryWrite(record);

    public void Complete() => _channel.Writer.TryComplete();

    private void OnDropped(HopTelemetry dropped) => Interlocked.Increment(ref _dropped);
}
