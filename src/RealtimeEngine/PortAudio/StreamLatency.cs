namespace RtDenoise.Engine.PortAudio;

/// <summary>Pa_GetStreamInfo: input and output latency in seconds and the sample rate actually used.</summary>
public readonly record struct StreamLatency(double InputSeconds, double OutputSeconds, double SampleRate);
