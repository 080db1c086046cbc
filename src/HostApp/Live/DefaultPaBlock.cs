namespace RtDenoise.HostApp.Live;

/// <summary>
/// The text edits of --persist on PulseAudio's per-user start-up script (default.pa), on the Latin-1 string of the
/// file's bytes (<see cref="AtomicFile"/>). Ours is one block per device between a BEGIN and an END line; nothing
/// outside it is ever changed, so removing it gives back the bytes the file had before. A file rtdenoise had to
/// create starts with <see cref="CreatedHeader"/> and includes the system script (PulseAudio reads the user's file
/// instead of the system one, so without the include the server would start with nothing but our mic); it is
/// deleted when only that header is left.
/// </summary>
public static class DefaultPaBlock
{
    public const string SystemScript = "/etc/pulse/default.pa";

    public const string CreatedHeader = "# Created by rtdenoise for the devices it keeps (--persist); --unpersist deletes this file when nothing else is left in it.";

    private const string CreatedFolderPrefix = "# rtdenoise also created the folder ";

    private const string AddedNewline = "# (rtdenoise ended the file's last line, which had no newline; --unpersist takes that newline back while this block is last.)";

    /// <summary>The text of a file rtdenoise creates, before any block; <paramref name="createdFolder"/> is recorded so --unpersist can remove it when empty.</summary>
    public static string Created(string? createdFolder) => CreatedBytes(createdFolder is null ? null : AtomicFile.FromUtf8(createdFolder));

    /// <summary>The folder a file rtdenoise created recorded as its own, or null.</summary>
    public static string? CreatedFolder(string text) => CreatedFolderBytes(text) is { } folder ? AtomicFile.ToUtf8(folder) : null;

    /// <summary><see cref="Created"/> from a folder already in the Latin-1 form of its bytes.</summary>
    private static string CreatedBytes(string? folder) =>
        CreatedHeader + "\n" + (folder is null ? string.Empty : $"{CreatedFolderPrefix}{folder}\n") + $".include {SystemScript}\n";

    private static string? CreatedFolderBytes(string text)
    {
        if (!text.StartsWith(CreatedHeader + "\n", StringComparison.Ordinal))
        {
            return null;
        }

        string second = text[(CreatedHeader.Length + 1)..].Split('\n')[0];
        return second.StartsWith(CreatedFolderPrefix, StringComparison.Ordinal) ? second[CreatedFolderPrefix.Length..] : null;
    }

    /// <summary>
    /// The file with the block for <paramref name="chain"/>: an existing block of ours for the same device is replaced
    /// where it stands, else the block is appended. <paramref name="existing"/> null means the file does not exist.
    /// </summary>
    public static (string Text, bool Replaced) Add(string? existing, PersistedChain chain, string? createdFolder)
    {
        string text = existing ?? Created(createdFolder);
        if (Find(text, chain.Command, chain.Name) is { } at)
        {
            return (text[..at.Start] + Block(chain, at.AddedNewline) + text[at.End..], true);
        }

        bool addNewline = text.Length > 0 && text[^1] != '\n';
        return (text + (addNewline ? "\n" : string.Empty) + Block(chain, addNewline), false);
    }

    /// <summary>
    /// The file without the block for this device: null text means the file is now just what rtdenoise created and
    /// can be deleted. Found is false when there is no such block (the text is then unchanged).
    /// </summary>
    public static (string? Text, bool Found) Remove(string text, string command, string name)
    {
        if (Find(text, command, name) is not { } at)
        {
            return (text, false);
        }

        // The newline added before the block goes back with it, unless the user wrote lines after the block: then
        // the line it ended is followed by theirs and must keep it.
        int start = at.AddedNewline && at.End == text.Length && at.Start > 0 && text[at.Start - 1] == '\n' ? at.Start - 1 : at.Start;
        string rest = text[..start] + text[at.End..];
        return (rest == CreatedBytes(CreatedFolderBytes(rest)) ? null : rest, true);
    }

    /// <summary>The block's lines, each ending in '\n' (the generated text is UTF-8; see <see cref="AtomicFile.FromUtf8"/>).</summary>
    public static string Block(PersistedChain chain, bool addedNewline)
    {
        var lines = new List<string>
        {
            MarkedBlock.Begin(chain.Command, chain.Name),
            $"# Loaded at server start (written by `rtdenoise {chain.Command} --persist`; `rtdenoise {chain.Command} --unpersist --name {chain.Name}` removes this block).",
        };
        if (addedNewline)
        {
            lines.Add(AddedNewline);
        }

        // .nofail: a module that cannot load (the input device is unplugged, the plugin was moved) must not stop
        // the server from starting; .fail puts back PulseAudio's default for whatever follows in the file.
        lines.Add(".nofail");
        lines.AddRange(chain.Modules.Select(m => "load-module " + PersistedChain.ArgumentLine(m)));
        lines.Add(".fail");
        lines.Add(MarkedBlock.End(chain.Command, chain.Name));
        return AtomicFile.FromUtf8(string.Join('\n', lines) + "\n");
    }

    /// <summary>Where the block is (<see cref="MarkedBlock.Find"/>), and whether it records a newline it added before itself.</summary>
    private static (int Start, int End, bool AddedNewline)? Find(string text, string command, string name) =>
        MarkedBlock.Find(text, command, name) is { } at
            ? (at.Start, at.End, text[at.Start..at.End].Contains("\n" + AddedNewline + "\n", StringComparison.Ordinal))
            : null;
}
