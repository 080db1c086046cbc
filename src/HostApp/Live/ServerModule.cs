using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// One line of `pactl list short modules`: "ID\tNAME\tARGUMENTS\tUSERS" (PulseAudio; pipewire-pulse prints the same
/// columns). <see cref="Mark"/> is our ownership mark when the arguments carry one (see <see cref="OwnerMark"/>).
/// </summary>
internal sealed partial record ServerModule(string Id, string Name, string Arguments)
{
    public OwnerMark? Mark { get; } = OwnerMark.Find(Arguments);

    /// <summary>The value of a top-level KEY=VALUE argument (unquoted), or null.</summary>
    public string? Argument(string key)
    {
        Match m = Regex.Match(Arguments, $@"(?:^|\s){Regex.Escape(key)}=(?:'([^']*)'|""([^""]*)""|(\S*))");
        return m.Success ? m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value : null;
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

    /// <summary>Parses `pactl list short modules`; lines without an id and a name are skipped.</summary>
    public static IReadOnlyList<ServerModule> ParseShortList(string text)
    {
        var modules = new List<ServerModule>();
        foreach (string line in text.Split('\n'))
        {
            string[] f = line.TrimEnd('\r').Split('\t');
            if (f.Length >= 2 && IdPattern().IsMatch(f[0]) && f[1].Length > 0)
            {
                modules.Add(new ServerModule(f[0], f[1], f.Length >= 3 ? f[2] : string.Empty));
            }
        }

        return modules;
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex IdPattern();
}
