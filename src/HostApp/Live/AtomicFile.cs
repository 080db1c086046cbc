using System.Text;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The config files --persist edits, read and written as bytes (Latin-1 maps each byte to one char and back), so
/// whatever encoding or line ends a user's file has survives byte for byte. A write goes to a temporary file in the
/// same folder, then replaces the file by rename: the server or an editor never sees half a file, and a failure
/// leaves the old one whole. A symbolic link (a dotfile manager's) is followed, so the link stays a link.
/// </summary>
public static class AtomicFile
{
    public static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? Encoding.Latin1.GetString(File.ReadAllBytes(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VirtualMicException($"cannot read {path}: {ex.Message}");
        }
    }

    /// <summary>Text we generate (UTF-8, a plugin path may have any letters) as the Latin-1 string of its bytes.</summary>
    public static string FromUtf8(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>The text a Latin-1 string of UTF-8 bytes holds.</summary>
    public static string ToUtf8(string bytes) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(bytes));

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/>, keeping its mode (a new file gets the umask's).</summary>
    public static void Write(string path, string text)
    {
        string target = Target(path);
        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.rtdenoise-{Environment.ProcessId}.tmp");
        try
        {
            UnixFileMode? mode = !OperatingSystem.IsWindows() && File.Exists(target) ? File.GetUnixFileMode(target) : null;
            File.WriteAllBytes(temp, Encoding.Latin1.GetBytes(text));
            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, m);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new VirtualMicException($"cannot write {target}: {ex.Message}; the file is as it was");
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(Target(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VirtualMicException($"cannot delete {path}: {ex.Message}");
        }
    }

    /// <summary>Creates <paramref name="dir"/> and returns the outermost folder that did not exist (null when none was created).</summary>
    public static string? CreateFolder(string dir)
    {
        string full = Path.GetFullPath(dir);
        string? outermost = null;
        for (string? d = full; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            outermost = d;
        }

        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VirtualMicException($"cannot create {full}: {ex.Message}");
        }

        return outermost;
    }

    /// <summary>Removes the empty folders from <paramref name="dir"/> up to and including <paramref name="outermost"/>; stops at the first one not empty.</summary>
    public static void RemoveEmptyFolders(string dir, string outermost)
    {
        string stop = Path.GetFullPath(outermost);
        for (string? d = Path.GetFullPath(dir); d is not null && d.StartsWith(stop, StringComparison.Ordinal); d = Path.GetDirectoryName(d))
        {
            if (!Directory.Exists(d) || Directory.EnumerateFileSystemEntries(d).Any())
            {
                return;
            }

            Directory.Delete(d);
            if (d == stop)
            {
                return;
            }
        }
    }

    private static string Target(string path) =>
        new FileInfo(path).LinkTarget is null ? Path.GetFullPath(path) : new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)!.FullName;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The rename failed already; the error about that is the one worth reporting.
        }
    }
}
