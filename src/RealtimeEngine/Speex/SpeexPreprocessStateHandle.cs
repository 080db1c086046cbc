using Microsoft.Win32.SafeHandles;

namespace RtDenoise.Engine.Speex;

/// <summary>Owns a <c>SpeexPreprocessState*</c>; released with <c>speex_preprocess_state_destroy</c>.</summary>
internal sealed class SpeexPreprocessStateHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SpeexPreprocessStateHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        SpeexDspNative.StateDestroy(handle);
        return true;
    }
}
