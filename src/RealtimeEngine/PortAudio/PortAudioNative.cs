using System.Reflection;
using System.Runtime.InteropServices;

namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// The raw PortAudio v19 C API (portaudio.h 19.6), bound with <c>[LibraryImport]</c>. Only blittable signatures:
/// strings come back as <c>byte*</c> and are decoded by the caller, so no marshalling code runs on any call.
/// </summary>
/// <remarks>
/// Debian ships only the versioned <c>libportaudio.so.2</c> (the unversioned name comes with portaudio19-dev), so the
/// logical name <see cref="LibraryName"/> is mapped to it by a resolver installed once per assembly.
/// </remarks>
internal static unsafe partial class PortAudioNative
{
    public const string LibraryName = "portaudio";

    private static readonly string[] Candidates = ["libportaudio.so.2", "libportaudio.so", "libportaudio.2.dylib", "portaudio.dll", "libportaudio-2.dll"];

    // PaSampleFormat bits (unsigned long).
    public const ulong PaFloat32 = 0x00000001;

    // PaStreamFlags.
    public const ulong PaClipOff = 0x00000001;
    public const ulong PaDitherOff = 0x00000002;

    // PaStreamCallbackFlags.
    public const ulong PaInputUnderflow = 0x00000001;
    public const ulong PaInputOverflow = 0x00000002;
    public const ulong PaOutputUnderflow = 0x00000004;
    public const ulong PaOutputOverflow = 0x00000008;
    public const ulong PaPrimingOutput = 0x00000010;

    // PaStreamCallbackResult.
    public const int PaContinue = 0;
    public const int PaComplete = 1;
    public const int PaAbort = 2;

    public const int PaNoDevice = -1;
    public const int PaUseHostApiSpecificDeviceSpecification = -2;
    public const int PaFormatIsSupported = 0;

    /// <summary>PaHostApiTypeId of ALSA (portaudio.h).</summary>
    public const int PaAlsa = 8;

    // An explicit static constructor runs before the first call of any method of this class, generated ones included.
    static PortAudioNative()
    {
        NativeLibrary.SetDllImportResolver(typeof(PortAudioNative).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName)
        {
            return IntPtr.Zero;
        }

        foreach (string candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out IntPtr handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero; // the runtime then throws DllNotFoundException, which PortAudioLibrary turns into a message
    }

    [LibraryImport(LibraryName)]
    public static partial int Pa_Initialize();

    [LibraryImport(LibraryName)]
    public static partial int Pa_Terminate();

    [LibraryImport(LibraryName)]
    public static partial int Pa_GetVersion();

    [LibraryImport(LibraryName)]
    public static partial byte* Pa_GetVersionText();

    [LibraryImport(LibraryName)]
    public static partial byte* Pa_GetErrorText(int errorCode);

    [LibraryImport(LibraryName)]
    public static partial PaHostErrorInfo* Pa_GetLastHostErrorInfo();

    [LibraryImport(LibraryName)]
    public static partial int Pa_GetHostApiCount();

    [LibraryImport(LibraryName)]
    public static partial int Pa_GetDefaultHostApi();

    [LibraryImport(LibraryName)]
    public static partial PaHostApiInfo* Pa_GetHostApiInfo(int hostApi);

    [LibraryImport(LibraryName)]
    public static partial int Pa_GetDeviceCount();

    [LibraryImport(LibraryName)]
    public static partial int Pa_GetDefaultInputDevice();

    [LibraryImport(LibraryName)]
    public static partial int Pa_GetDefaultOutputDevice();

    [LibraryImport(LibraryName)]
    public static partial PaDeviceInfo* Pa_GetDeviceInfo(int device);

    [LibraryImport(LibraryName)]
    public static partial int Pa_IsFormatSupported(PaStreamParameters* inputParameters, PaStreamParameters* outputParameters, double sampleRate);

    /// <summary>
    /// <c>PaError Pa_OpenStream(PaStream**, const PaStreamParameters*, const PaStreamParameters*, double, unsigned long,
    /// PaStreamFlags, PaStreamCallback*, void*)</c>. The callback is
    /// <c>int (const void*, void*, unsigned long, const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags, void*)</c>.
    /// </summary>
    [LibraryImport(LibraryName)]
    public static partial int Pa_OpenStream(
        IntPtr* stream,
        PaStreamParameters* inputParameters,
        PaStreamParameters* outputParameters,
        double sampleRate,
        nuint framesPerBuffer,
        nuint streamFlags,
        delegate* unmanaged<void*, void*, nuint, PaStreamCallbackTimeInfo*, nuint, void*, int> streamCallback,
        void* userData);

    [LibraryImport(LibraryName)]
    public static partial int Pa_SetStreamFinishedCallback(IntPtr stream, delegate* unmanaged<void*, void> streamFinishedCallback);

    [LibraryImport(LibraryName)]
    public static partial int Pa_StartStream(IntPtr stream);

    /// <summary>
    /// pa_linux_alsa.h: the ALSA host API's callback thread asks for SCHED_FIFO when the stream starts (it stays
    /// ordinary, silently, where not permitted). Only valid on a stream of the ALSA host API: PortAudio casts the
    /// stream to its ALSA type without checking.
    /// </summary>
    [LibraryImport(LibraryName)]
    public static partial void PaAlsa_EnableRealtimeScheduling(IntPtr stream, int enable);

    [LibraryImport(LibraryName)]
    public static partial int Pa_StopStream(IntPtr stream);

    [LibraryImport(LibraryName)]
    public static partial int Pa_AbortStream(IntPtr stream);

    [LibraryImport(LibraryName)]
    public static partial int Pa_CloseStream(IntPtr stream);

    [LibraryImport(LibraryName)]
    public static partial int Pa_IsStreamActive(IntPtr stream);

    [LibraryImport(LibraryName)]
    public static partial int Pa_IsStreamStopped(IntPtr stream);

    [LibraryImport(LibraryName)]
    public static partial PaStreamInfo* Pa_GetStreamInfo(IntPtr stream);

    [LibraryImport(LibraryName)]
    public static partial double Pa_GetStreamCpuLoad(IntPtr stream);

    /// <summary>Decodes a NUL-terminated C string owned by PortAudio (null pointer → empty).</summary>
    public static string Text(byte* s) => s is null ? string.Empty : Marshal.PtrToStringUTF8((IntPtr)s) ?? string.Empty;

    public static string ErrorText(int error) => Text(Pa_GetErrorText(error));
}
