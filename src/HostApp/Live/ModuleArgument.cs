namespace RtDenoise.HostApp.Live;

/// <summary>
/// Values we put into `pactl load-module` arguments. The server splits the argument string at whitespace outside
/// quotes and takes KEY=VALUE pairs (PulseAudio's pulsecore/modargs.c; pipewire-pulse follows it), so an unquoted
/// value with a space ends early and the rest becomes arguments of its own ("--input 'src adjust_time=0'" would set
/// adjust_time). Every value is therefore double-quoted; the characters a quoted value cannot carry the same way on
/// both servers (the quote itself, and backslash, which PulseAudio treats as an escape and pipewire-pulse does not)
/// are refused, as are control characters.
/// </summary>
public static class ModuleArgument
{
    /// <summary>KEY="VALUE"; <paramref name="option"/> names where the value came from, for the refusal.</summary>
    public static string Quoted(string key, string value, string option)
    {
        if (value.Length == 0 || value.Any(c => c is '"' or '\\' || char.IsControl(c)))
        {
            throw new Cli.UserInputException($"{option} '{Printable(value)}': a module argument cannot carry an empty value, a double quote, a backslash or a control character; rename or move it.");
        }

        return $"{key}=\"{value}\"";
    }

    /// <summary>
    /// Validates a server device name (a source or sink as `pactl list short sources` or `sinks` prints it, named by
    /// <paramref name="kind"/>): no whitespace, quotes, '=', backslash or control characters, which no real device
    /// name has and which would otherwise rewrite the module's arguments or properties.
    /// </summary>
    public static string CheckDeviceName(string name, string option, string kind = "sources")
    {
        if (name.Length is 0 or > 512 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"' or '=' or '\\'))
        {
            throw new Cli.UserInputException($"{option} '{Printable(name)}': not a device name (no spaces, quotes, '=', backslashes or control characters; see pactl list short {kind}).");
        }

        return name;
    }

    /// <summary>The value with control characters shown as \uXXXX, so a refusal stays one line.</summary>
    public static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
