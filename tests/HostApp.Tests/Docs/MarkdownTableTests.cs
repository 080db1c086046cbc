namespace RtDenoise.HostApp.Tests.Docs;

/// <summary>Every Markdown file in the repository renders its tables whole (a broken row ends a
/// table, e.g. README's Commands table after its first row).</summary>
public class MarkdownTableTests
{
    public static TheoryData<string> MarkdownFiles()
    {
        string root = CliRunner.RepoRoot();
        var files = new TheoryData<string>();
        foreach (string f in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "artifacts" or ".git"))
            .Order(StringComparer.Ordinal))
        {
            files.Add(f);
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void TablesRenderWhole(string file)
    {
        var problems = MarkdownTableCheck.Problems(File.ReadAllText(Path.Combine(CliRunner.RepoRoot(), file)));
        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ReadmeHasTheCommandsTableWithEveryCommand()
    {
        string readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot(), "README.md"));
        foreach (string command in new[] { "denoise", "metrics", "eval", "devices", "live", "virtual-mic", "quantize", "quant-report", "plugins", "model-info", "make-devset", "train", "calibrate" })
        {
            Assert.Contains($"\n| `rtdenoise {command} ", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABlankLineInsideATableIsReported()
    {
        const string md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n";
        var problems = MarkdownTableCheck.Problems(md);
        Assert.Single(problems);
        Assert.StartsWith("line 5:", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ARowWithAnotherCellCountIsReported()
    {
        const string md = "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 | 5 |\n";
        var problems = MarkdownTableCheck.Problems(md);
        Assert.Single(problems);
        Assert.Contains("3 cells where the header at line 1 has 2", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedPipesAndCodeAreOneCell()
    {
        const string md = "| a | b |\n|---|---|\n| `x \\| y` | 2 |\n\n```\n| not a table |\n```\n";
        Assert.Empty(MarkdownTableCheck.Problems(md));
        Assert.Equal(2, MarkdownTableCheck.CellCount("| `x \\| y` | 2 |"));
    }
}
