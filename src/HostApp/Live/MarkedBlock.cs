namespace RtDenoise.HostApp.Live;

/// <summary>
/// The lines --persist writes for one device sit between <c>### BEGIN rtdenoise COMMAND NAME</c> and
/// <c>### END rtdenoise COMMAND NAME</c> ('#' starts a comment in default.pa and in SPA-JSON alike): what lies
/// between is ours to replace or remove, nothing outside it is ever touched.
/// </summary>
public static class MarkedBlock
{
    public static string Begin(string command, string name) => $"### BEGIN rtdenoise {command} {name}";

    public static string End(string command, string name) => $"### END rtdenoise {command} {name}";

    /// <summary>From the BEGIN line's first char to just after the END line; null when there is no BEGIN line.</summary>
    public static (int Start, int End)? Find(string text, string command, string name)
    {
        int start = LineStart(text, Begin(command, name), 0);
        if (start < 0)
        {
            return null;
        }

        int end = LineStart(text, End(command, name), start);
        if (end < 0)
        {
            throw new Cli.UserInputException($"the line '{Begin(command, name)}' has no '{End(command, name)}' after it; mend the file by hand (nothing was changed).");
        }

        int after = text.IndexOf('\n', end);
        return (start, after < 0 ? text.Length : after + 1);
    }

    /// <summary>Whether any block of ours is left in <paramref name="text"/>.</summary>
    public static bool Any(string text) => text.StartsWith("### BEGIN rtdenoise ", StringComparison.Ordinal) || text.Contains("\n### BEGIN rtdenoise ", StringComparison.Ordinal);

    /// <summary>The index of a line that is exactly <paramref name="line"/> (a '\r' before its '\n' allowed), or -1.</summary>
    private static int LineStart(string text, string line, int from)
    {
        for (int i = text.IndexOf(line, from, StringComparison.Ordinal); i >= 0; i = text.IndexOf(line, i + 1, StringComparison.Ordinal))
        {
            int tail = i + line.Length;
            bool atLineStart = i == 0 || text[i - 1] == '\n';
            bool atLineEnd = tail == text.Length || text[tail] == '\n' || (text[tail] == '\r' && (tail + 1 == text.Length || text[tail + 1] == '\n'));
            if (atLineStart && atLineEnd)
            {
                return i;
            }
        }

        return -1;
    }
}
