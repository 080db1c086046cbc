using System.Runtime.InteropServices;

namespace RtDenoise.Engine.Speex;

/// <summary>
/// Thin binding of the Speex preprocessor in Debian's <c>libspeexdsp1</c> (<c>libspeexdsp.so.1</c>). Signatures and
/// request numbers follow xiph/speexdsp <c>include/speex/speex_preprocess.h</c>.
/// </summary>
internal static partial class SpeexDspNative
{
    public const string LibraryName = "libspeexdsp.so.1";

    /// <summary><c>SPEEX_PREPROCESS_SET_DENOISE</c>: int*, 1 = noise suppression on.</summary>
    public const int SetDenoise = 0;

    /// <summary><c>SPEEX_PREPROCESS_SET_AGC</c>: int*, automatic gain control on/off.</summary>
    public const int SetAgc = 2;

    /// <summary><c>SPEEX_PREPROCESS_SET_DEREVERB</c>: int*, dereverberation on/off.</summary>
    public const int SetDereverb = 8;

    /// <summary><c>SPEEX_PREPROCESS_SET_NOISE_SUPPRESS</c>: spx_int32_t*, maximum noise attenuation in dB (negative).</summary>
    public const int SetNoiseSuppress = 18;

    private static readonly Lazy<bool> Available = new(() =>
    {
        if (!NativeLibrary.TryLoad(LibraryName, out IntPtr handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    });

    /// <summary>True when <c>libspeexdsp.so.1</c> can be loaded (Debian package libspeexdsp1).</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary><c>SpeexPreprocessState *speex_preprocess_state_init(int frame_size, int sampling_rate)</c></summary>
    [LibraryImport(LibraryName, EntryPoint = "speex_preprocess_state_init")]
    public static partial SpeexPreprocessStateHandle StateInit(int frameSize, int samplingRate);

    /// <summary><c>void speex_preprocess_state_destroy(SpeexPreprocessState *st)</c></summary>
    [LibraryImport(LibraryName, EntryPoint = "speex_preprocess_state_destroy")]
    public static partial void StateDestroy(IntPtr state);

    /// <summary><c>int speex_preprocess_run(SpeexPreprocessState *st, spx_int16_t *x)</c>: in place, one frame.</summary>
    [LibraryImport(LibraryName, EntryPoint = "speex_preprocess_run")]
    public static unsafe partial int Run(SpeexPreprocessStateHandle state, short* frame);

    /// <summary><c>int speex_preprocess_ctl(SpeexPreprocessState *st, int request, void *ptr)</c>: 0 ok, −1 unknown.</summary>
    [LibraryImport(LibraryName, EntryPoint = "speex_preprocess_ctl")]
    public static unsafe partial int Ctl(SpeexPreprocessStateHandle state, int request, void* value);
}
