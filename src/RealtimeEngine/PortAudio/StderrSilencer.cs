using System.Runtime.InteropServices;

namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// Points file descriptor 2 at /dev/null for the duration of a scope. ALSA and JACK print dozens of harmless
/// lines on stderr while Pa_Initialize probes devices (ci-recipes.md); the user should see our messages only.
/// Linux/macOS only; elsewhere, and if any libc call fails, it does nothing.
/// </summary>
internal sealed partial class StderrSilencer : IDisposable
{
    private const int StderrFd = 2;
    private const int OWriteOnly = 1;
    private readonly int _saved = -1;

    public StderrSilencer()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return;
        }

        Console.Error.Flush();
        int devNull = Open("/dev/null", OWriteOnly);
        if (devNull < 0)
        {
            return;
        }

        _saved = Dup(StderrFd);
        if (_saved >= 0 && Dup2(devNull, StderrFd) < 0)
        {
            _ = Close(_saved);
            _saved = -1;
        }

        _ = Close(devNull);
    }

    public void Dispose()
    {
        if (_saved >= 0)
        {
            _ = Dup2(_saved, StderrFd);
            _ = Close(_saved);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup")]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
