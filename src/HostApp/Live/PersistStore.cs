namespace RtDenoise.HostApp.Live;

/// <summary>
/// Where --persist writes and --unpersist looks, read from the environment the sound server also reads (checked
/// on PulseAudio 16.1 and PipeWire 0.3.65):
/// <list type="bullet">
/// <item>PulseAudio runs $PULSE_CONFIG_PATH/default.pa when PULSE_CONFIG_PATH is set, else ~/.pulse/default.pa if
/// that exists, else ~/.config/pulse/default.pa, and only when none exists /etc/pulse/default.pa. It does not
/// look at XDG_CONFIG_HOME for this file.</item>
/// <item>pipewire-pulse merges every *.conf in $XDG_CONFIG_HOME/pipewire/pipewire-pulse.conf.d/ (XDG_CONFIG_HOME
/// defaults to ~/.config), pulse.cmd lists included.</item>
/// </list>
/// </summary>
public sealed class PersistStore(Func<string, string?> environment)
{
    public static PersistStore Default { get; } = new(Environment.GetEnvironmentVariable);

    public string PulseScript
    {
        get
        {
            if (Env("PULSE_CONFIG_PATH") is { } configPath)
            {
                return Path.Combine(configPath, "default.pa");
            }

            string dotPulse = Path.Combine(Home, ".pulse", "default.pa");
            return File.Exists(dotPulse) ? dotPulse : Path.Combine(Home, ".config", "pulse", "default.pa");
        }
    }

    public string PipeWireFolder => Path.Combine(Env("XDG_CONFIG_HOME") ?? Path.Combine(Home, ".config"), "pipewire", "pipewire-pulse.conf.d");

    public string PipeWireFile => Path.Combine(PipeWireFolder, PipeWireDropIn.FileName);

    private string Home => Env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Writes what brings <paramref name="chain"/> back at the start of a server of <paramref name="kind"/>; returns what was done, one line.</summary>
    public string Persist(SoundServerKind kind, PersistedChain chain)
    {
        bool pipeWire = kind == SoundServerKind.PipeWire;
        string path = pipeWire ? PipeWireFile : PulseScript;
        string? existing = AtomicFile.ReadOrNull(path);
        // Checked before any folder is made: a file that cannot take the block leaves everything as it was.
        _ = existing is null ? default : pipeWire ? PipeWireDropIn.Add(existing, chain, null) : DefaultPaBlock.Add(existing, chain, null);
        string? created = existing is null ? Recordable(AtomicFile.CreateFolder(Path.GetDirectoryName(path)!)) : null;
        (string text, bool replaced) = pipeWire ? PipeWireDropIn.Add(existing, chain, created) : DefaultPaBlock.Add(existing, chain, created);
        AtomicFile.Write(path, text);
        string what = replaced ? "replaced the block" : existing is null ? "created the file with a block" : "added a block";
        string line = $"{what} for '{chain.Name}' in {path}: {(pipeWire ? "pipewire-pulse" : "PulseAudio")} loads it at every start";
        if (pipeWire && PipeWireDropIn.Shadowing(PipeWireFolder) is { Count: > 0 } others)
        {
            line += $"\nwarning: {string.Join(", ", others)} also has a pulse.cmd list and sorts first; PipeWire 0.3.65 runs only that one, so '{chain.Name}' will not come back until its commands move into one file";
        }

        return line;
    }

    /// <summary>Removes what --persist wrote for the device from both servers' files; returns one line per file changed (none when nothing was persisted).</summary>
    public IReadOnlyList<string> Unpersist(string command, string name)
    {
        var done = new List<string>();
        string dropIn = PipeWireFile;
        if (AtomicFile.ReadOrNull(dropIn) is { } conf)
        {
            (string? rest, bool found) = PipeWireDropIn.Remove(conf, command, name);
            if (found && rest is null)
            {
                AtomicFile.Delete(dropIn);
                RemoveFolders(dropIn, PipeWireDropIn.CreatedFolder(conf));
                done.Add($"deleted {dropIn} (its last block was '{name}')");
            }
            else if (found)
            {
                AtomicFile.Write(dropIn, rest!);
                done.Add($"removed the block for '{name}' from {dropIn}");
            }
        }

        string script = PulseScript;
        if (AtomicFile.ReadOrNull(script) is { } text)
        {
            (string? rest, bool found) = DefaultPaBlock.Remove(text, command, name);
            if (found && rest is null)
            {
                AtomicFile.Delete(script);
                RemoveFolders(script, DefaultPaBlock.CreatedFolder(text));
                done.Add($"deleted {script} (rtdenoise had created it and nothing else was left in it)");
            }
            else if (found)
            {
                AtomicFile.Write(script, rest!);
                done.Add($"removed the block for '{name}' from {script}");
            }
        }

        return done;
    }

    /// <summary>Whether a server start would load the device: a drop-in or a default.pa block exists for it.</summary>
    public bool IsPersisted(string command, string name) =>
        new[] { PipeWireFile, PulseScript }.Any(f => AtomicFile.ReadOrNull(f) is { } text && MarkedBlock.Find(text, command, name) is not null);

    private string? Env(string name) => environment(name) is { Length: > 0 } v ? v : null;

    /// <summary>A created folder is recorded in a comment line: one with a control character in its path is left alone rather than recorded.</summary>
    private static string? Recordable(string? folder) => folder is not null && !folder.Any(char.IsControl) ? folder : null;

    private static void RemoveFolders(string file, string? createdFolder)
    {
        if (createdFolder is not null)
        {
            try
            {
                AtomicFile.RemoveEmptyFolders(Path.GetDirectoryName(file)!, createdFolder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The file is gone, which is what was asked; an empty folder left behind does no harm.
            }
        }
    }
}
