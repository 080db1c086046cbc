using System.Runtime.InteropServices;

namespace RtDenoise.Engine.IO;

/// <summary>What a path names, following symbolic links (what open(2) would reach).</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A character or block device (/dev/zero, /dev/sda): reads may never end.</summary>
    Device,

    /// <summary>A FIFO or a socket: opening one for reading blocks until a writer comes.</summary>
    Pipe,
}

/// <summary>
/// Classifies a path with statx(2) (Linux 4.11+, glibc 2.28+; <c>struct statx</c> has one layout on every
/// architecture, unlike <c>struct stat</c>). .NET tells only "directory or not", and opening a FIFO to find out
/// would block, so the kind must be known before the open.
/// </summary>
public static partial class FileKindProbe
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

    public static FileKind Classify(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Fallback(path);
        }

        Span<byte> buf = stackalloc byte[StatxSize];
        int rc;
        try
        {
            rc = Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buf));
        }
        catch (EntryPointNotFoundException)
        {
            return Fallback(path);
        }

        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is Enoent or Enotdir ? FileKind.Missing : Fallback(path);
        }

        int mode = MemoryMarshal.Read<ushort>(buf[StatxModeOffset..]); // host byte order, as the kernel wrote it
        return (mode & SIfMt) switch
        {
            SIfDir => FileKind.Directory,
            SIfReg => FileKind.Regular,
            SIfChr or SIfBlk => FileKind.Device,
            SIfIfo or SIfSock => FileKind.Pipe,
            _ => FileKind.Device,
        };
    }

    /// <summary>"a directory", "a device", ... for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Device => "a device",
        FileKind.Pipe => "a FIFO or socket",
        _ => kind.ToString(),
    };

    private static FileKind Fallback(string path) =>
        Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, ref byte statxBuffer);
}
