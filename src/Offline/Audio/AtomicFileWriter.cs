namespace RtDenoise.Offline.Audio;

/// <summary>
/// Writes to a hidden temporary file in the destination folder and renames it over the destination only on
/// <see cref="Commit"/>; disposing without a commit deletes the temporary file. An interrupted run therefore never
/// leaves a partial output and never touches an existing file of that name.
/// </summary>
public sealed class AtomicFileWriter : IDisposable
{
    private readonly string _tempPath;
    private bool _committed;

    public AtomicFileWriter(string destination)
    {
        Destination = Path.GetFullPath(destination);
        string dir = Path.GetDirectoryName(Destination) ?? ".";
        if (!Directory.Exists(dir))
        {
            throw new IOException($"cannot write '{destination}': folder '{dir}' does not exist.");
        }

        if (Directory.Exists(Destination))
        {
            throw new IOException($"cannot write '{destination}': it is a directory.");
        }

        _tempPath = Path.Combine(dir, $".{Path.GetFileName(Destination)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"cannot write '{destination}': folder '{dir}' is not writable ({ex.Message}).", ex);
        }
        catch (IOException ex)
        {
            throw new IOException($"cannot write '{destination}': {ex.Message}", ex);
        }
    }

    public string Destination { get; }

    public FileStream Stream { get; }

    /// <summary>Flushes to disk and atomically replaces the destination.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(_tempPath, Destination, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed)
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
                // Best effort: the temp name is hidden and unique; nothing else to do.
            }
        }
    }
}
