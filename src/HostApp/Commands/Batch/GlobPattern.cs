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

            foreach (char c in rest[s])
            {
                rx.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    '[' => "[",
                    ']' => "]",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            if (!last)
            {
                rx.Append('/');
            }
        }

        rx.Append('$');
        bool recursive = rest.Length > 1;
        return new GlobPattern(baseDir, new Regex(rx.ToString(), RegexOptions.CultureInvariant)) { Recursive = recursive };
    }

    /// <summary>Whether matching needs to look below the base folder's first level.</summary>
    public bool Recursive { get; private init; }

    /// <summary>Whether a path relative to <see cref="BaseDirectory"/> (with '/' separators) matches.</summary>
    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath);
}
