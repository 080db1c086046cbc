using System.Runtime.InteropServices;

namespace RtDenoise.Engine.PortAudio;

// Layouts exactly as portaudio.h / pa_linux_alsa.h of PortAudio 19.6 on LP64 (x86-64, arm64 Linux):
// `unsigned long` (PaSampleFormat, PaStreamFlags, PaStreamCallbackFlags, sizes) is 8 bytes → nuint/ulong;
// PaTime is double; enums and PaDeviceIndex/PaHostApiIndex are int. Sequential layout reproduces C padding.

/// <summary>
/// <code>
/// PaHostApiInfo  (32 bytes)
///  0 int structVersion | 4 int type (PaHostApiTypeId) | 8 const char* name | 16 int deviceCount
/// 20 int defaultInputDevice | 24 int defaultOutputDevice | 28 pad
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaHostApiInfo
{
    public int StructVersion;
    public int Type;
    public byte* Name;
    public int DeviceCount;
    public int DefaultInputDevice;
    public int DefaultOutputDevice;
}

/// <summary>
/// <code>
/// PaDeviceInfo  (72 bytes)
///  0 int structVersion | 4 pad | 8 const char* name | 16 int hostApi | 20 int maxInputChannels
/// 24 int maxOutputChannels | 28 pad | 32 double defaultLowInputLatency | 40 defaultLowOutputLatency
/// 48 defaultHighInputLatency | 56 defaultHighOutputLatency | 64 double defaultSampleRate
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaDeviceInfo
{
    public int StructVersion;
    public byte* Name;
    public int HostApi;
    public int MaxInputChannels;
    public int MaxOutputChannels;
    public double DefaultLowInputLatency;
    public double DefaultLowOutputLatency;
    public double DefaultHighInputLatency;
    public double DefaultHighOutputLatency;
    public double DefaultSampleRate;
}

/// <summary>
/// <code>
/// PaStreamParameters  (32 bytes)
///  0 int device | 4 int channelCount | 8 unsigned long sampleFormat | 16 double suggestedLatency
/// 24 void* hostApiSpecificStreamInfo
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaStreamParameters
{
    public int Device;
    public int ChannelCount;
    public nuint SampleFormat;
    public double SuggestedLatency;
    public void* HostApiSpecificStreamInfo;
}

/// <summary>
/// <code>
/// PaStreamInfo  (32 bytes)
///  0 int structVersion | 4 pad | 8 double inputLatency | 16 double outputLatency | 24 double sampleRate
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaStreamInfo
{
    public int StructVersion;
    public double InputLatency;
    public double OutputLatency;
    public double SampleRate;
}

/// <summary>PaStreamCallbackTimeInfo: three PaTime (double) seconds on the stream clock.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaStreamCallbackTimeInfo
{
    public double InputBufferAdcTime;
    public double CurrentTime;
    public double OutputBufferDacTime;
}

/// <summary>
/// PaHostErrorInfo: <c>{ PaHostApiTypeId hostApiType; long errorCode; const char* errorText; }</c> (24 bytes).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaHostErrorInfo
{
    public int HostApiType;
    public nint ErrorCode;
    public byte* ErrorText;
}

/// <summary>
/// pa_linux_alsa.h: selects an ALSA device by string (e.g. <c>pulse:DEVICE=noisy_in.monitor</c>) when
/// <see cref="PaStreamParameters.Device"/> is paUseHostApiSpecificDeviceSpecification.
/// <code>
/// PaAlsaStreamInfo  (32 bytes)
///  0 unsigned long size | 8 int hostApiType (= paALSA 8) | 12 pad | 16 unsigned long version (= 1)
/// 24 const char* deviceString
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PaAlsaStreamInfo
{
    public nuint Size;
    public int HostApiType;
    public nuint Version;
    public byte* DeviceString;
}
