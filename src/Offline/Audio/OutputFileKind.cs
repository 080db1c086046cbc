using System.Runtime.InteropServices;

namespace RtDenoise.Offline.Audio;

/// <summary>What an output path names, following symbolic links (what open(2) would reach).</summary>
public enum OutputFileKind
{
    /// <summary>Nothing there yet.</summary>
    Missing,

    /// <summary>A regular file (or something the probe could not classify): replaced atomically.</summary>
    Regular,

    Directory,

    /// <summary>A character or block device such as /dev/null: written in place, never replaced.</summary>
    Device,

    /// <summary>A FIFO or a socket (e.g. /dev/stdout into a pipe): written in place, not seekable.</summary>
    Pipe,
}

/// <summary>
/// Classifies an output path with statx(2) (Linux 4.11+, glibc 2.28+), whose <c>struct statx</c> layout is the same on
/// every architecture, unlike <c>struct stat</c>; .NET exposes no file type beyond "directory or not".
/// </summary>
public static partial class OutputFileProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 0x1C; // stx_mode (u16) in struct statx (linux/stat.h)
    private const int StatxSize = 0x100;
    private const int Enoent = 2;
    private const int Enotdir = 20;

    // S_IFMT bits of st_mode (sys/stat.h).
    private const int SIfMt = 0xF000;
    private const int SIfDir = 0x4000;
    private const int SIfReg = 0x8000;
    private const int SIfChr = 0x2000;
    private const int SIfBlk = 0x6000;
    private const int SIfIfo = 0x1000;
    private const int SIfSock = 0xC000;

    public static OutputFileKind Classify(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(path) ? OutputFileKind.Directory : File.Exists(path) ? OutputFileKind.Regular : OutputFileKind.Missing;
        }

        Span<byte> buf = stackalloc byte[StatxSize];
        int rc;
        try
        {
            rc = Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buf));
        }
        catch (EntryPointNotFoundException)
        {
            // A libc without statx: fall back to what .NET can tell (special files are then treated as regular).
            return Directory.Exists(path) ? OutputFileKind.Directory : File.Exists(path) ? OutputFileKind.Regular : OutputFileKind.Missing;
        }

        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is Enoent or Enotdir ? OutputFileKind.Missing : OutputFileKind.Regular;
        }

        int mode = MemoryMarshal.Read<ushort>(buf[StatxModeOffset..]); // host byte order, as the kernel wrote it
        return (mode & SIfMt) switch
        {
            SIfDir => OutputFileKind.Directory,
            SIfReg => OutputFileKind.Regular,
            SIfChr or SIfBlk => OutputFileKind.Device,
            SIfIfo or SIfSock => OutputFileKind.Pipe,
            _ => OutputFileKind.Regular,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, ref byte statxBuffer);
}
