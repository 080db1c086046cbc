using System.Runtime.InteropServices;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// Gives a replacement file the permissions, owner and group of the file it replaces: a rename puts a new inode in
/// place, which would otherwise get the default mode, so a private (0600) recording rewritten by a run would become
/// world-readable. The owner and group are kept where the system permits it (root; the group alone when the user is
/// a member of it); otherwise the replacement belongs to whoever wrote it, as any new file does.
/// </summary>
internal static partial class ReplacedFileAttributes
{
    private const int Eperm = 1;
    private const uint Unchanged = uint.MaxValue; // (uid_t)-1: chown leaves that id as it is

    /// <summary>The mode a new temporary file is created with: never more open than the file it will replace.</summary>
    public static UnixFileMode? CreateModeFor(string target) =>
        FileStatus.TryQuery(target, out FileStatus status, out _) ? status.Permissions : null;

    /// <summary>Copies <paramref name="target"/>'s owner, group and permission bits to <paramref name="replacement"/>
    /// when the target exists; nothing otherwise.</summary>
    public static void CopyTo(string target, string replacement)
    {
        if (OperatingSystem.IsWindows() || !FileStatus.TryQuery(target, out FileStatus status, out _))
        {
            return;
        }

        // chown first: changing the owner clears the setuid/setgid bits, so the mode is set last.
        if (Chown(replacement, status.Uid, status.Gid) != 0 && Marshal.GetLastPInvokeError() == Eperm)
        {
            _ = Chown(replacement, Unchanged, status.Gid); // not permitted (not root): keep at least the group
        }

        try
        {
            File.SetUnixFileMode(replacement, status.Permissions);
        }
        catch (UnauthorizedAccessException)
        {
            // A file system without Unix permissions (vfat): it has no mode to keep.
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);
}
