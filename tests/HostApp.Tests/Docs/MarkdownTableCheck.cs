using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace RtDenoise.HostApp.Tests.Docs;

/// <summary>
/// Parses Markdown as GitHub renders it (Markdig, pipe tables) and lists broken tables: a `| … |` line that ended up
/// in a paragraph (a table cut short by a blank line, or one with no delimiter row) and a table row whose cell
/// count differs from its header's.
/// </summary>
internal static class MarkdownTableCheck
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables(new PipeTableOptions { RequireHeaderSeparator = true }).Build();

    private static readonly Regex DelimiterRow = new(@"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$", RegexOptions.CultureInvariant);

    public static IReadOnlyList<string> Problems(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        MarkdownDocument doc = Markdown.Parse(markdown, Pipeline);
        var problems = new List<string>();
        foreach (ParagraphBlock paragraph in doc.Descendants<ParagraphBlock>().Where(p => p.Parent is not TableCell))
        {
            // The block's lines from its source span (inline parsing empties paragraph.Lines).
            int last = paragraph.Line + markdown.AsSpan(paragraph.Span.Start, Math.Max(0, paragraph.Span.Length)).Count('\n');
            for (int i = paragraph.Line; i <= last && i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith('|'))
                {
                    problems.Add($"line {i + 1}: a table row rendered as text (a blank line inside the table, or no |---| row under its header)");
                }
            }
        }

        foreach (Table table in doc.Descendants<Table>())
        {
            if (table.Line + 1 >= lines.Length || !DelimiterRow.IsMatch(lines[table.Line + 1]))
            {
                // GitHub renders `| … |` lines without a |---| row under the first as plain text.
                problems.Add($"line {table.Line + 1}: a table row rendered as text (a blank line inside the table, or no |---| row under its header)");
                continue;
            }

            int header = CellCount(lines[table.Line]);
            for (int i = table.Line + 1; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
            {
                int cells = CellCount(lines[i]);
                if (cells != header)
                {
                    problems.Add($"line {i + 1}: {cells} cells where the header at line {table.Line + 1} has {header}");
                }
            }
        }

        return problems;
    }

    /// <summary>Cells of a pipe-table line: separated by unescaped `|` (GFM splits inside code spans too).</summary>
    public static int CellCount(string line)
    {
        string t = line.Trim();
        int pipes = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] == '\\')
            {
                i++;
            }
            else if (t[i] == '|')
            {
                pipes++;
            }
        }

        bool leading = t.StartsWith('|');
        bool trailing = t.Length > 1 && t.EndsWith('|') && !t.EndsWith("\\|", StringComparison.Ordinal);
        return pipes + 1 - (leading ? 1 : 0) - (trailing ? 1 : 0);
    }
}
