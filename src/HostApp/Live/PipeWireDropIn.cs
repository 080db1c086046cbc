using System.Text;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// --persist on PipeWire: the file rtdenoise.conf in pipewire-pulse's conf.d folder, which pipewire-pulse merges
/// into its config at start. Its pulse.cmd list holds one block per device (<see cref="MarkedBlock"/>), one
/// load-module command per module with the arguments as a SPA-JSON string, run by pipewire-pulse as if
/// `pactl load-module` had been called. One file for all devices, not one each: PipeWire 0.3.65 runs the pulse.cmd
/// of only the first file (by name) in the folder that has one, so a second file's devices would never load.
/// flags = [ nofail ]: without it a module that cannot load stops pipewire-pulse from running the commands after
/// it. --unpersist removes the block, and the file (with the folders --persist created for it, recorded in its
/// header) with the last one.
/// </summary>
public static class PipeWireDropIn
{
    public const string FileName = "rtdenoise.conf";

    private const string CreatedFolderPrefix = "# rtdenoise also created the folder ";

    private const string Header = "# Written by rtdenoise --persist: what pipewire-pulse loads at start, one block per device; --unpersist removes a block, and this file with the last one.\n";

    private const string Close = "]\n";

    public static (string Text, bool Replaced) Add(string? existing, PersistedChain chain, string? createdFolder)
    {
        string text = existing ?? Header + (createdFolder is null ? string.Empty : CreatedFolderPrefix + AtomicFile.FromUtf8(createdFolder) + "\n") + "pulse.cmd = [\n" + Close;
        if (MarkedBlock.Find(text, chain.Command, chain.Name) is { } at)
        {
            return (text[..at.Start] + Block(chain) + text[at.End..], true);
        }

        int close = text.LastIndexOf("\n" + Close, StringComparison.Ordinal);
        if (close < 0 || close + 1 + Close.Length != text.Length)
        {
            throw new Cli.UserInputException("the file does not end with the line ']' that closes rtdenoise's pulse.cmd list; mend it by hand or delete it (nothing was changed).");
        }

        return (text[..(close + 1)] + Block(chain) + Close, false);
    }

    /// <summary>The file without the device's block; null text when no block is left (the file goes).</summary>
    public static (string? Text, bool Found) Remove(string text, string command, string name)
    {
        if (MarkedBlock.Find(text, command, name) is not { } at)
        {
            return (text, false);
        }

        string rest = text[..at.Start] + text[at.End..];
        return (MarkedBlock.Any(rest) ? rest : null, true);
    }

    public static string Block(PersistedChain chain)
    {
        var s = new StringBuilder();
        s.Append(MarkedBlock.Begin(chain.Command, chain.Name)).Append('\n');
        s.Append(FormattableString.Invariant($"# {chain.Command} '{chain.Name}' (`rtdenoise {chain.Command} --unpersist --name {chain.Name}` removes this block)\n"));
        foreach (string[] module in chain.Modules)
        {
            s.Append("    { cmd = \"load-module\" args = ").Append(PipeWireConf.Quote(PersistedChain.ArgumentLine(module))).Append(" flags = [ nofail ] }\n");
        }

        s.Append(MarkedBlock.End(chain.Command, chain.Name)).Append('\n');
        return AtomicFile.FromUtf8(s.ToString());
    }

    /// <summary>The folder the file's header records as created by --persist, or null.</summary>
    public static string? CreatedFolder(string text) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(CreatedFolderPrefix, StringComparison.Ordinal)) is { } line
            ? AtomicFile.ToUtf8(line[CreatedFolderPrefix.Length..])
            : null;

    /// <summary>Other files of the folder with a pulse.cmd list, sorting before ours: on 0.3.65 theirs would run and ours not.</summary>
    public static IReadOnlyList<string> Shadowing(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.conf")
                .Where(f => string.CompareOrdinal(Path.GetFileName(f), FileName) < 0 && File.ReadAllText(f).Contains("pulse.cmd", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
