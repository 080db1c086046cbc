namespace RtDenoise.Offline.Audio;

/// <summary>
/// A file's identity: the device it lives on and its inode. Two paths name the same file exactly when their
/// identities are equal, whatever their text says: through a symlinked folder (<c>link/x.wav</c> with
/// <c>link -> d</c>), a hard link, <c>..</c> or a bind mount. Every check that an output must not be an input
/// compares identities, so no spelling of a path can make an output land on an input.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    private static readonly bool Supported = FileStatus.TryQuery("/", out _, out int errno) || errno != FileStatus.Unsupported;

    /// <summary>The identity of what <paramref name="path"/> reaches (symbolic links followed); null when nothing is
    /// there or the system cannot tell.</summary>
    public static FileIdentity? Of(string path) =>
        path.Length > 0 && FileStatus.TryQuery(path, out FileStatus status, out _) ? status.Identity : null;

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> name the same file or folder. Existing paths compare by
    /// identity; a path that does not exist yet is the same as another only if that one is missing too and both are
    /// the same name in the same folder (the folders compared by identity). Without statx (not Linux) the resolved
    /// full paths are compared instead.
    /// </summary>
    public static bool SameFile(string a, string b)
    {
        if (!Supported)
        {
            return string.Equals(Resolved(a), Resolved(b), StringComparison.Ordinal);
        }

        FileIdentity? ia = Of(a), ib = Of(b);
        if (ia is not null || ib is not null)
        {
            return ia == ib;
        }

        string fa = Path.TrimEndingDirectorySeparator(Path.GetFullPath(a));
        string fb = Path.TrimEndingDirectorySeparator(Path.GetFullPath(b));
        string? parentA = Path.GetDirectoryName(fa), parentB = Path.GetDirectoryName(fb);
        return string.Equals(Path.GetFileName(fa), Path.GetFileName(fb), StringComparison.Ordinal)
            && parentA is not null && parentB is not null
            && (string.Equals(parentA, parentB, StringComparison.Ordinal) || SameFile(parentA, parentB));
    }

    private static string Resolved(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
