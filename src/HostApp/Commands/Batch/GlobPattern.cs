using System.Text;
using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// A quoted glob given to `denoise … --out-dir` (shells expand unquoted ones themselves): `*` and `?` within one
/// path segment, `[abc]` character classes, `**` for any number of folders. The part before the first wildcard
/// segment is the base folder; matches keep their path relative to it.
/// </summary>
/// <remarks>
/// Written here rather than taken from Microsoft.Extensions.FileSystemGlobbing: that matcher knows <c>*</c> and
/// <c>**</c> only, not the <c>?</c> and <c>[abc]</c> that users type in shell-style globs (and the tests check).
/// The translated expression runs on .NET's non-backtracking engine: a pattern of many stars
/// (<c>*a_*a_*a_*a_*a_*a_*a_*a_*.wav</c>) against a long file name takes time linear in the name, where a
/// backtracking matcher takes exponential time and never answers.
/// </remarks>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(string baseDirectory, Regex regex)
    {
        BaseDirectory = baseDirectory;
        _regex = regex;
    }

    public string BaseDirectory { get; }

    public static bool IsGlob(string text) => text.IndexOfAny(['*', '?', '[']) >= 0;

    public static GlobPattern Parse(string text)
    {
        string[] segments = text.Replace('\\', '/').Split('/');
        int firstWild = Array.FindIndex(segments, IsGlob);
        string baseDir = string.Join('/', segments.Take(firstWild));
        if (baseDir.Length == 0)
        {
            baseDir = text.StartsWith('/') ? "/" : ".";
        }

        var rx = new StringBuilder("^");
        string[] rest = segments[firstWild..];
        for (int s = 0; s < rest.Length; s++)
        {
            bool last = s == rest.Length - 1;
            if (rest[s] == "**")
            {
                rx.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            AppendSegment(rx, rest[s]);

            if (!last)
            {
                rx.Append('/');
            }
        }

        rx.Append('$');
        bool recursive = rest.Length > 1;
        try
        {
            return new GlobPattern(baseDir, new Regex(rx.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)) { Recursive = recursive };
        }
        catch (ArgumentException)
        {
            // What is left is a character class the regex engine refuses, e.g. a reversed range "[z-a]".
            throw new Cli.UserInputException($"glob '{text}': a [...] character class is not valid (a reversed range such as [z-a]?).");
        }
    }

    /// <summary>One path segment: '*' and '?' stay within it; "[...]" is a character class as in the shell ("[!...]"
    /// or "[^...]" negates, a ']' right after the opening bracket is literal), and a '[' with no closing ']' is a
    /// literal bracket, so a file named "take[1.wav" can be matched. Everything else is literal.</summary>
    private static void AppendSegment(StringBuilder rx, string segment)
    {
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            int close = c == '[' ? ClassEnd(segment, i) : -1;
            if (close > 0)
            {
                AppendClass(rx, segment.AsSpan(i + 1, close - i - 1));
                i = close;
                continue;
            }

            rx.Append(c switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                _ => Regex.Escape(c.ToString()),
            });
        }
    }

    /// <summary>The index of the ']' closing the class opened at <paramref name="open"/>, or -1 if there is none.</summary>
    private static int ClassEnd(string segment, int open)
    {
        int i = open + 1;
        if (i < segment.Length && segment[i] is '!' or '^')
        {
            i++;
        }

        if (i < segment.Length && segment[i] == ']')
        {
            i++; // a leading ']' is a member, not the end
        }

        int close = segment.IndexOf(']', i);
        return close;
    }

    private static void AppendClass(StringBuilder rx, ReadOnlySpan<char> body)
    {
        rx.Append('[');
        int start = 0;
        if (body.Length > 0 && body[0] is '!' or '^')
        {
            rx.Append('^');
            start = 1;
        }

        for (int i = start; i < body.Length; i++)
        {
            char c = body[i];
            rx.Append(c is '\\' or ']' or '[' or '^' ? "\\" + c : c.ToString());
        }

        rx.Append(']');
    }

    /// <summary>Whether matching needs to look below the base folder's first level.</summary>
    public bool Recursive { get; private init; }

    /// <summary>Whether a path relative to <see cref="BaseDirectory"/> (with '/' separators) matches.</summary>
    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath);
}
