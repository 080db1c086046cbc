using Microsoft.Win32.SafeHandles;

namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// Owns a <c>PaStream*</c>. Release closes it (Pa_CloseStream aborts a running stream first). The live session
/// closes streams explicitly under a timeout; if Pa_CloseStream hangs there, it calls
/// <see cref="SafeHandle.SetHandleAsInvalid"/> so no finalizer retries the hanging call.
/// </summary>
public sealed class PortAudioStreamHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PortAudioStreamHandle()
        : base(ownsHandle: true)
    {
    }

    internal PortAudioStreamHandle(IntPtr stream)
        : base(ownsHandle: true)
    {
        SetHandle(stream);
    }

    protected override bool ReleaseHandle()
    {
        return PortAudioNative.Pa_CloseStream(handle) >= 0;
    }
}
