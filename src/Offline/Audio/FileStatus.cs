using System.Runtime.InteropServices;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// What statx(2) says about the file a path reaches, following symbolic links: its type and permission bits, owner,
/// group and identity (device and inode). statx (Linux 4.11+, glibc 2.28+) is used rather than stat because its
/// <c>struct statx</c> layout is the same on every architecture; .NET exposes neither inodes nor owners.
/// </summary>
internal readonly partial record struct FileStatus(int Mode, uint Uid, uint Gid, FileIdentity Identity)
{
    /// <summary>The errno when statx is not there (not Linux, or a libc without it).</summary>
    public const int Unsupported = -1;

    public const int Enoent = 2;
    public const int Enotdir = 20;

    /// <summary>S_IFMT: the file-type bits of <see cref="Mode"/> (sys/stat.h).</summary>
    public const int TypeMask = 0xF000;

    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxSize = 0x100;

    // Offsets in struct statx (linux/stat.h).
    private const int UidOffset = 0x14;
    private const int GidOffset = 0x18;
    private const int ModeOffset = 0x1C;
    private const int InodeOffset = 0x20;
    private const int DevMajorOffset = 0x88;
    private const int DevMinorOffset = 0x8C;

    /// <summary>The file-type bits (S_IFREG, S_IFDIR, …).</summary>
    public int Type => Mode & TypeMask;

    /// <summary>The read/write/execute bits for owner, group and others (setuid, setgid and sticky left out).</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0x1FF);

    /// <summary>Stats <paramref name="path"/>; false with the errno (<see cref="Unsupported"/> without statx) when it fails.</summary>
    public static bool TryQuery(string path, out FileStatus status, out int errno)
    {
        status = default;
        if (!OperatingSystem.IsLinux())
        {
            errno = Unsupported;
            return false;
        }

        Span<byte> buf = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxBasicStats, ref MemoryMarshal.GetReference(buf)) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return false;
            }
        }
        catch (EntryPointNotFoundException)
        {
            errno = Unsupported;
            return false;
        }

        // Host byte order, as the kernel wrote it.
        ulong device = ((ulong)MemoryMarshal.Read<uint>(buf[DevMajorOffset..]) << 32) | MemoryMarshal.Read<uint>(buf[DevMinorOffset..]);
        status = new FileStatus(
            MemoryMarshal.Read<ushort>(buf[ModeOffset..]),
            MemoryMarshal.Read<uint>(buf[UidOffset..]),
            MemoryMarshal.Read<uint>(buf[GidOffset..]),
            new FileIdentity(device, MemoryMarshal.Read<ulong>(buf[InodeOffset..])));
        errno = 0;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, ref byte statxBuffer);
}
