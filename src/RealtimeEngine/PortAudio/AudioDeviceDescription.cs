namespace RtDenoise.Engine.PortAudio;

/// <summary>One PortAudio device, as reported by Pa_GetDeviceInfo (latencies in seconds).</summary>
public sealed record AudioDeviceDescription(
    int Index,
    string Name,
    int HostApi,
    string HostApiName,
    int MaxInputChannels,
    int MaxOutputChannels,
    double DefaultSampleRate,
    double DefaultLowInputLatency,
    double DefaultLowOutputLatency,
    double DefaultHighInputLatency,
    double DefaultHighOutputLatency,
    bool IsDefaultInput,
    bool IsDefaultOutput);
