namespace RtDenoise.Engine.PortAudio;

/// <summary>One PortAudio host API (ALSA, OSS, JACK...), as reported by Pa_GetHostApiInfo.</summary>
public sealed record HostApiDescription(int Index, string Name, int TypeId, int DeviceCount, int DefaultInputDevice, int DefaultOutputDevice, bool IsDefault);
