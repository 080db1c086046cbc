using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// Comments explain why, cite papers and algorithms and draw layouts; they never point at an issue tracker or at a
/// design document the repository does not hold (the reader of the code has neither, and history belongs to git).
/// Every comment line of every C# file under <c>src/</c> and <c>tests/</c> is checked: a whole-line <c>//</c> or
/// <c>///</c> comment, or the part after <c>//</c> on a code line.
/// </summary>
public sealed class NoIssueReferencesTests
{
    // Built from pieces so that this file's own source does not match what it looks for.
    private static readonly Regex TrackerReference = new(
        @"\b[Ii]ssue" + @" #?[0-9]+|design" + " §", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    [Fact]
    public void No_comment_cites_an_issue_number_or_a_missing_design_document()
    {
        string root = CliRunner.RepoRoot();
        var files = new List<string>();
        var hits = new List<string>();
        foreach (string dir in new[] { "src", "tests" })
        {
            foreach (string file in SourceFiles(Path.Combine(root, dir)))
            {
                files.Add(file);
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string? comment = CommentPart(lines[i]);
                    if (comment is not null && TrackerReference.IsMatch(comment))
                    {
                        hits.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        // The walk really found the sources: an empty list would pass the check below vacuously.
        Assert.Contains(files, f => f.EndsWith(nameof(NoIssueReferencesTests) + ".cs", StringComparison.Ordinal));
        Assert.True(
            hits.Count == 0,
            "comments citing an issue or a design document (say the reason instead):\n" + string.Join('\n', hits));
    }

    [Theory]
    [InlineData("    /// <summary>Never emits a non-finite sample (issue" + " 14): NaN becomes 0.</summary>", true)]
    [InlineData("        // Issue" + " 15's figures: avx512 11.88 µs.", true)]
    [InlineData("x = 1; // split as design" + " §4 counts it", true)]
    [InlineData("    /// <summary>Measured on Zen 5: avx512 11.88 µs, avx2 8.31 µs.</summary>", false)]
    [InlineData("string s = \"see issue" + " 14 // here\";", false)]
    [InlineData("int tissue = 3; // tissue" + " 3 is not a reference", false)]
    public void The_pattern_finds_references_in_comments_only(string line, bool flagged)
    {
        string? comment = CommentPart(line);
        Assert.Equal(flagged, comment is not null && TrackerReference.IsMatch(comment));
    }

    /// <summary>Every <c>*.cs</c> file under <paramref name="folder"/>, build output (<c>bin/</c>, <c>obj/</c>)
    /// excluded.</summary>
    private static IEnumerable<string> SourceFiles(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*.cs"))
        {
            yield return file;
        }

        foreach (string sub in Directory.EnumerateDirectories(folder))
        {
            string name = Path.GetFileName(sub);
            if (name is "bin" or "obj")
            {
                continue;
            }

            foreach (string file in SourceFiles(sub))
            {
                yield return file;
            }
        }
    }

    /// <summary>
    /// The comment on <paramref name="line"/>: from its first <c>//</c> outside a string or character literal to the
    /// end, or null. Regular and verbatim strings on one line are skipped; that is all C# source here needs.
    /// </summary>
    private static string? CommentPart(string line)
    {
        string trimmed = line.TrimStart();
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return trimmed;
        }

        char quote = '\0';
        bool verbatim = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == '\\' && !verbatim)
                {
                    i++;
                }
                else if (c == quote && verbatim && i + 1 < line.Length && line[i + 1] == quote)
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                verbatim = c == '"' && i > 0 && line[i - 1] == '@';
            }
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                return line[i..];
            }
        }

        return null;
    }
}
