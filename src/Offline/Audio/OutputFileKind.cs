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

/// <summary>Classifies an output path with statx(2) (<see cref="FileStatus"/>); .NET exposes no file type beyond
/// "directory or not".</summary>
public static class OutputFileProbe
{
    // S_IFMT values of st_mode (sys/stat.h).
    private const int SIfDir = 0x4000;
    private const int SIfReg = 0x8000;
    private const int SIfChr = 0x2000;
    private const int SIfBlk = 0x6000;
    private const int SIfIfo = 0x1000;
    private const int SIfSock = 0xC000;

    public static OutputFileKind Classify(string path)
    {
        if (!FileStatus.TryQuery(path, out FileStatus status, out int errno))
        {
            return errno switch
            {
                // Without statx, fall back to what .NET can tell (special files are then treated as regular).
                FileStatus.Unsupported => Directory.Exists(path) ? OutputFileKind.Directory : File.Exists(path) ? OutputFileKind.Regular : OutputFileKind.Missing,
                FileStatus.Enoent or FileStatus.Enotdir => OutputFileKind.Missing,
                _ => OutputFileKind.Regular,
            };
        }

        return status.Type switch
        {
            SIfDir => OutputFileKind.Directory,
            SIfReg => OutputFileKind.Regular,
            SIfChr or SIfBlk => OutputFileKind.Device,
            SIfIfo or SIfSock => OutputFileKind.Pipe,
            _ => OutputFileKind.Regular,
        };
    }
}
