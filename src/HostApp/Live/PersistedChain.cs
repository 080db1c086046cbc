namespace RtDenoise.HostApp.Live;

/// <summary>
/// What --persist writes for one device: the rtdenoise command that made it ("virtual-mic"), its name, and the
/// `pactl load-module` argument vectors of its modules in load order, exactly as the live load used them. The
/// config files hold one load-module line (PulseAudio) or pulse.cmd entry (PipeWire) per vector, so the server
/// loads the same chain at start. Both the PulseAudio block markers and the PipeWire file name carry the command,
/// so devices of different commands with the same name never share a block or a file.
/// </summary>
public sealed record PersistedChain
{
    public PersistedChain(string command, string name, IReadOnlyList<string[]> modules)
    {
        // Each vector becomes one line of a config file and the name goes into markers and a file name: nothing may
        // end a line or a comment early.
        if (command.Length == 0 || !command.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"not a command name: {command}", nameof(command));
        }

        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw new ArgumentException($"not a device name: {name}", nameof(name));
        }

        if (modules.Count == 0 || modules.Any(m => m.Length == 0 || m.Any(a => a.Length == 0 || a.Any(char.IsControl))))
        {
            throw new ArgumentException("module argument vectors must be non-empty and free of control characters", nameof(modules));
        }

        (Command, Name, Modules) = (command, name, modules);
    }

    public string Command { get; }

    public string Name { get; }

    public IReadOnlyList<string[]> Modules { get; }

    /// <summary>One module as `pactl load-module` passes it to the server: the module name, then its arguments joined by spaces.</summary>
    public static string ArgumentLine(string[] module) => string.Join(' ', module);
}
