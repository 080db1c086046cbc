using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RtDenoise.Engine.PortAudio;

namespace RtDenoise.Engine.Live;

/// <summary>
/// PortAudio's PaStreamCallback / PaStreamFinishedCallback as <c>[UnmanagedCallersOnly]</c> functions. userData
/// is a GCHandle to the <see cref="LiveEngine"/>; resolving it (GCHandle.FromIntPtr + Target) allocates nothing.
/// The callbacks only copy between PortAudio's buffer and a ring; they never throw (an exception here would take
/// the process down), never block, and always return paContinue: stopping is the control thread's job.
/// </summary>
internal static unsafe class LiveCallbacks
{
    public static delegate* unmanaged<void*, void*, nuint, PaStreamCallbackTimeInfo*, nuint, void*, int> Input => &OnInput;

    public static delegate* unmanaged<void*, void*, nuint, PaStreamCallbackTimeInfo*, nuint, void*, int> Output => &OnOutput;

    public static delegate* unmanaged<void*, void> InputFinished => &OnInputFinished;

    public static delegate* unmanaged<void*, void> OutputFinished => &OnOutputFinished;

    [UnmanagedCallersOnly]
    private static int OnInput(void* input, void* output, nuint frames, PaStreamCallbackTimeInfo* time, nuint flags, void* userData)
    {
        LiveEngine engine = Engine(userData);
        if (input is null)
        {
            // PortAudio passes NULL when it has no input for this period (e.g. priming); count it as an underflow.
            engine.OnInput(ReadOnlySpan<float>.Empty, flags | PortAudioNative.PaInputUnderflow);
        }
        else
        {
            engine.OnInput(new ReadOnlySpan<float>(input, (int)frames), flags);
        }

        return PortAudioNative.PaContinue;
    }

    [UnmanagedCallersOnly]
    private static int OnOutput(void* input, void* output, nuint frames, PaStreamCallbackTimeInfo* time, nuint flags, void* userData)
    {
        Engine(userData).OnOutput(new Span<float>(output, (int)frames), flags);
        return PortAudioNative.PaContinue;
    }

    [UnmanagedCallersOnly]
    private static void OnInputFinished(void* userData) => Engine(userData).MarkStreamFinished(StreamDirection.Input);

    [UnmanagedCallersOnly]
    private static void OnOutputFinished(void* userData) => Engine(userData).MarkStreamFinished(StreamDirection.Output);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static LiveEngine Engine(void* userData) => Unsafe.As<LiveEngine>(GCHandle.FromIntPtr((IntPtr)userData).Target)!;
}
