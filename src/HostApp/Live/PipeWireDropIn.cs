using System.Text;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// --persist on PipeWire: one file per device in pipewire-pulse's conf.d folder, which pipewire-pulse merges into
/// its config at start. Its pulse.cmd list holds one load-module command per module (the arguments as a SPA-JSON
/// string), run by pipewire-pulse as if `pactl load-module` had been called, so the chain is the one the live load
/// made. flags = [ nofail ]: without it a module that cannot load stops pipewire-pulse from running the commands
/// after it (seen on 0.3.65). --unpersist deletes the file, and the folders --persist created for it once empty
/// (recorded in the file's header).
/// </summary>
public static class PipeWireDropIn
{
    private const string CreatedFolderPrefix = "# rtdenoise also created the folder ";

    /// <summary>The file's name: the command is in it, so a device of another command with the same name has its own file.</summary>
    public static string FileName(string command, string name) => $"rtdenoise-{command}-{name}.conf";

    public static string Build(PersistedChain chain, string? createdFolder)
    {
        var s = new StringBuilder();
        s.Append(CultureFree($"# rtdenoise {chain.Command} '{chain.Name}', loaded by pipewire-pulse at start (written by `rtdenoise {chain.Command} --persist`).\n"));
        s.Append(CultureFree($"# `rtdenoise {chain.Command} --unpersist --name {chain.Name}` deletes this file.\n"));
        if (createdFolder is not null)
        {
            s.Append(CreatedFolderPrefix).Append(createdFolder).Append('\n');
        }

        s.Append("pulse.cmd = [\n");
        foreach (string[] module in chain.Modules)
        {
            s.Append("    { cmd = \"load-module\" args = ").Append(PipeWireConf.Quote(PersistedChain.ArgumentLine(module))).Append(" flags = [ nofail ] }\n");
        }

        s.Append("]\n");
        return AtomicFile.FromUtf8(s.ToString());
    }

    /// <summary>The folder the file's header records as created by --persist, or null.</summary>
    public static string? CreatedFolder(string text) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(CreatedFolderPrefix, StringComparison.Ordinal)) is { } line
            ? AtomicFile.ToUtf8(line[CreatedFolderPrefix.Length..])
            : null;

    private static string CultureFree(FormattableString s) => FormattableString.Invariant(s);
}
