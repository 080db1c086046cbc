using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>A file's <c>using</c> of a namespace (or, with <c>using static</c> or an alias, of a type).</summary>
internal sealed record UsingDirective(string FileNamespace, string Target, string File);

/// <summary>
/// The <c>using</c> directives of a project's C# files. The compiled code does not show every use: a
/// <c>const</c> is copied into the code that reads it and a <c>nameof</c> becomes a string, so a namespace used only
/// for a constant leaves no trace in the assembly. Its <c>using</c> directive does, and a directive that is not
/// needed is a dependency declared for nothing, to be removed rather than kept in a cycle.
/// </summary>
internal static partial class SourceUsings
{
    /// <summary>Every namespace-level <c>using</c> directive of the <c>*.cs</c> files under
    /// <paramref name="projectDirectory"/> (build output excluded). The repository places them before a file-scoped
    /// <c>namespace</c> (.editorconfig), so only the lines before it are read.</summary>
    public static IReadOnlyList<UsingDirective> In(string projectDirectory)
    {
        var directives = new List<UsingDirective>();
        foreach (string file in Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories).Where(IsSource))
        {
            var targets = new List<string>();
            string fileNamespace = MetadataNames.GlobalNamespace;
            foreach (string line in File.ReadLines(file))
            {
                if (NamespaceLine().Match(line) is { Success: true } ns)
                {
                    fileNamespace = ns.Groups["name"].Value;
                    break;
                }

                if (UsingLine().Match(line) is { Success: true } directive)
                {
                    targets.Add(directive.Groups["target"].Value);
                }
            }

            string shown = Path.GetRelativePath(projectDirectory, file);
            directives.AddRange(targets.Select(t => new UsingDirective(fileNamespace, t, shown)));
        }

        return directives;
    }

    private static bool IsSource(string file)
    {
        string separator = Path.DirectorySeparatorChar.ToString();
        return !file.Contains(separator + "obj" + separator, StringComparison.Ordinal)
            && !file.Contains(separator + "bin" + separator, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)\s*[;{]?\s*$")]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<target>[\w.]+)\s*;")]
    private static partial Regex UsingLine();
}
