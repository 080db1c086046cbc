namespace RtDenoise.Offline.Audio;

/// <summary>
/// Writes an output file so that a failed or interrupted run leaves nothing behind and never damages what was there:
/// <list type="bullet">
/// <item>A regular file (or a new name) is written to a hidden temporary file in the destination folder, renamed over
/// the destination only on <see cref="Commit"/>; disposing without a commit deletes the temporary file, also when the
/// disk is full and closing the stream itself fails.</item>
/// <item>A symbolic link is followed: the file it points to is replaced and the link stays a link.</item>
/// <item>A device (<c>/dev/null</c>, a <c>mknod</c> node) or a FIFO/socket (<c>/dev/stdout</c> into a pipe) is written
/// in place: renaming over it would replace the device node by a regular file (as root, <c>-o /dev/null</c> would
/// replace the system's <c>/dev/null</c>), while writing into it is what <c>-o /dev/null</c> or a
/// named pipe means. A pipe cannot be rewound, so writers that patch a header at the end pass
/// <c>requireSeekable</c> and get a clear refusal instead.</item>
/// <item>A replaced file keeps its permission bits, and its owner and group where permitted
/// (<see cref="ReplacedFileAttributes"/>): the temporary file is created no more open than it, and gets its exact
/// mode before the rename.</item>
/// </list>
/// </summary>
public sealed class AtomicFileWriter : IDisposable
{
    private readonly string? _tempPath;
    private readonly TemporaryFiles.Registration _tempRegistration;
    private readonly string _target;
    private bool _committed;

    /// <param name="destination">The output path as the user gave it.</param>
    /// <param name="requireSeekable">Refuse a FIFO or socket (the format rewrites its header when done, as WAV does).</param>
    public AtomicFileWriter(string destination, bool requireSeekable = false)
        : this(destination, requireSeekable, null)
    {
    }

    /// <summary>Test seam: <paramref name="open"/> opens the temporary file (or the special file in place); null opens
    /// files as the public constructor does.</summary>
    internal AtomicFileWriter(string destination, bool requireSeekable, Func<string, FileMode, Stream>? open)
    {
        Destination = Path.GetFullPath(destination);
        OutputFileKind kind = OutputFileProbe.Classify(Destination);
        if (kind == OutputFileKind.Directory)
        {
            throw new IOException($"cannot write '{destination}': it is a directory.");
        }

        if (kind == OutputFileKind.Pipe && requireSeekable)
        {
            throw new IOException($"cannot write '{destination}': it is a FIFO or socket, and this format rewrites its header at the end (write to a file or a device such as /dev/null).");
        }

        IsInPlace = kind is OutputFileKind.Device or OutputFileKind.Pipe;
        _target = IsInPlace ? Destination : FinalTarget(Destination);
        string dir = Path.GetDirectoryName(_target) ?? ".";
        if (!IsInPlace && !Directory.Exists(dir))
        {
            throw new IOException($"cannot write '{destination}': folder '{dir}' does not exist.");
        }

        if (!IsInPlace)
        {
            _tempPath = Path.Combine(dir, TempName(Path.GetFileName(_target)));

            // Registered before it exists: a process ended at once between the open and the registration would
            // otherwise leave it behind.
            _tempRegistration = TemporaryFiles.Track(_tempPath);
        }

        UnixFileMode? createMode = kind == OutputFileKind.Regular ? ReplacedFileAttributes.CreateModeFor(_target) : null;
        open ??= (path, mode) => OpenFile(path, mode, createMode);

        try
        {
            Stream = IsInPlace ? open(Destination, FileMode.Open) : open(_tempPath!, FileMode.CreateNew);
        }
        catch (UnauthorizedAccessException ex)
        {
            _tempRegistration.Dispose();
            string what = IsInPlace ? $"'{destination}' is not writable" : $"folder '{dir}' is not writable";
            throw new IOException($"cannot write '{destination}': {what} ({ex.Message}).", ex);
        }
        catch (IOException ex)
        {
            _tempRegistration.Dispose();
            throw new IOException($"cannot write '{destination}': {ex.Message}", ex);
        }
    }

    public string Destination { get; }

    /// <summary>True when the destination is a device or FIFO written directly (no temporary file).</summary>
    public bool IsInPlace { get; }

    public Stream Stream { get; }

    /// <summary>Flushes and makes the output visible: renames the temporary file over the destination.</summary>
    public void Commit()
    {
        if (IsInPlace)
        {
            Stream.Flush();
            Stream.Dispose();
            _committed = true;
            return;
        }

        if (Stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            Stream.Flush();
        }

        Stream.Dispose();
        ReplacedFileAttributes.CopyTo(_target, _tempPath!);
        File.Move(_tempPath!, _target, overwrite: true);
        _committed = true;
        _tempRegistration.Dispose();
    }

    public void Dispose()
    {
        try
        {
            Stream.Dispose();
        }
        catch (IOException) when (!_committed)
        {
            // Closing flushes the buffer, which fails when the disk is full; the output is abandoned anyway and the
            // caller already has the error that stopped the run. Deleting the temporary file below is what matters.
        }
        finally
        {
            if (!_committed && _tempPath is not null)
            {
                TryDelete(_tempPath);
            }

            _tempRegistration.Dispose();
        }
    }

    private static Stream OpenFile(string path, FileMode mode, UnixFileMode? createMode)
    {
        if (mode == FileMode.Open)
        {
            return new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        }

        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (createMode is { } m && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = m | UnixFileMode.UserWrite | UnixFileMode.UserRead;
        }

        return new FileStream(path, options);
    }

    /// <summary>The file a chain of symbolic links ends at (the path itself when it is no link).</summary>
    private static string FinalTarget(string path)
    {
        try
        {
            FileSystemInfo? target = File.ResolveLinkTarget(path, returnFinalTarget: true);
            return target is null ? path : Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            return path; // e.g. a link loop: the rename replaces the link, as before
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temp name is hidden and unique; nothing else to do.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    /// <summary>".NAME.PID.GUID.tmp" while that fits NAME_MAX (255 bytes); for a longer output name the name part
    /// becomes a hash of it, so any name the file system accepts for the output also has a temporary file.</summary>
    internal static string TempName(string targetName)
    {
        const int NameMax = 255;
        string suffix = $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        string full = $".{targetName}{suffix}";
        if (System.Text.Encoding.UTF8.GetByteCount(full) <= NameMax)
        {
            return full;
        }

        ulong hash = System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(targetName));
        return $".rtdenoise-{hash:x16}{suffix}";
    }
}
