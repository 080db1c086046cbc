using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// One line of `pactl list short modules`: "ID\tNAME\tARGUMENTS\tUSERS" (PulseAudio; pipewire-pulse prints the same
/// columns). <see cref="Mark"/> is our ownership mark when the arguments carry one (see <see cref="OwnerMark"/>).
/// </summary>
public sealed partial record ServerModule(string Id, string Name, string Arguments)
{
    public OwnerMark? Mark { get; } = OwnerMark.Find(Arguments);

    /// <summary>
    /// The value of a top-level KEY=VALUE argument, quotes removed, or null. Arguments are split like PulseAudio's
    /// modargs: at whitespace outside quotes, so a key inside a quoted property list is not an argument.
    /// </summary>
    public string? Argument(string key)
    {
        foreach (string token in Tokens(Arguments))
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && token.AsSpan(0, eq).SequenceEqual(key))
            {
                string value = token[(eq + 1)..];
                return value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0] ? value[1..^1] : value;
            }
        }

        return null;
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var token = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (token.Length > 0)
                {
                    yield return token.ToString();
                    token.Clear();
                }

                continue;
            }

            if (quote == '\0' && c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = '\0';
            }

            token.Append(c);
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    /// <summary>
    /// Unload order of a virtual microphone's modules: users before what they use (the remapped source reads the
    /// null sink's monitor, the loopback feeds the LADSPA sink, which plays into the null sink).
    /// </summary>
    public int UnloadRank => Name switch
    {
        "module-remap-source" => 0,
        "module-loopback" => 1,
        "module-ladspa-sink" => 2,
        _ => 3,
    };

    /// <summary>
    /// Parses `pactl list short modules`. pipewire-pulse prints its own modules' arguments as multi-line SPA-JSON
    /// ("{" … "}"): the lines of an open brace block belong to the module above, whatever they look like.
    /// </summary>
    public static IReadOnlyList<ServerModule> ParseShortList(string text)
    {
        var modules = new List<ServerModule>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string[] f = lines[i].TrimEnd('\r').Split('\t');
            if (f.Length < 2 || !IdPattern().IsMatch(f[0]) || f[1].Length == 0)
            {
                continue;
            }

            string arguments = f.Length >= 3 ? f[2] : string.Empty;
            int depth = BraceDepth(arguments);
            while (depth > 0 && i + 1 < lines.Length)
            {
                string next = lines[++i].TrimEnd('\r');
                arguments += "\n" + next.Split('\t')[0];
                depth += BraceDepth(next);
            }

            modules.Add(new ServerModule(f[0], f[1], arguments));
        }

        return modules;
    }

    private static int BraceDepth(string text) => text.Count(c => c == '{') - text.Count(c => c == '}');

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex IdPattern();
}
