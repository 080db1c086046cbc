using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Live;

namespace RtDenoise.HostApp.Live;

/// <summary>Everything `rtdenoise live` and `rtdenoise virtual-mic` need to start streaming.</summary>
public sealed record LiveRequest(
    string? Input,
    string? Output,
    int SampleRate,
    double BlockMilliseconds,
    double? DeviceLatencyMilliseconds,
    double? BufferMilliseconds,
    Func<int, IAudioProcessor>? ProcessorFactory,
    bool Bypass,
    UnderrunPolicy Underrun,
    bool Realtime,
    bool Stats,
    TimeSpan? Duration,
    bool Json,
    bool Verbose);
