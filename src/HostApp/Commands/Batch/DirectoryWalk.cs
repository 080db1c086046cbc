using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// The files below one input folder of a batch, written as its own walk rather than the runtime's recursive
/// enumeration for two reasons: a symbolic link to a folder is followed (a linked corpus is a corpus), so the walk
/// must enter each real folder once, by device and inode — two links that point back up the tree otherwise make the
/// walk exponential, as far as memory goes; and a folder that cannot be read is one failure to report, not the end
/// of the batch. The output folder is never entered (recognised by identity too).
/// </summary>
internal sealed class DirectoryWalk(FileIdentity? skip)
{
    private readonly HashSet<FileIdentity> _entered = [];

    /// <summary>Folders that could not be listed, with the reason, in the order met.</summary>
    public List<BatchFailure> Unreadable { get; } = [];

    /// <summary>The files under <paramref name="root"/> (its subfolders too with <paramref name="recursive"/>)
    /// whose names pass <paramref name="include"/>.</summary>
    public IEnumerable<string> Files(string root, bool recursive, Func<string, bool> include)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            FileIdentity? id = FileIdentity.Of(folder);
            bool isRoot = ReferenceEquals(folder, root);
            if (id is { } known && ((!isRoot && known == skip) || !_entered.Add(known)))
            {
                // The output folder below the input (the input itself as output folder is refused later, by the
                // batch's output check), or a folder already walked through another link.
                continue;
            }

            string[]? entries = List(folder);
            if (entries is null)
            {
                continue;
            }

            foreach (string entry in entries)
            {
                if (Directory.Exists(entry))
                {
                    if (recursive)
                    {
                        pending.Push(entry);
                    }
                }
                else if (include(Path.GetFileName(entry)))
                {
                    yield return entry;
                }
            }
        }
    }

    private string[]? List(string folder)
    {
        try
        {
            return Directory.GetFileSystemEntries(folder);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            Unreadable.Add(new BatchFailure(folder, $"folder not read: {ex.Message}"));
            return null;
        }
    }
}
