using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// A project's C# file as the namespace check reads it: the namespace it declares, its <c>using</c> directives
/// (the namespace or, with <c>using static</c> or an alias, the type each names) and its code with comments removed.
/// The compiled code does not show every use: a <c>const</c> or an enum member is copied into the code that reads
/// it, so a namespace used only for a constant leaves no trace in the assembly; the source does.
/// </summary>
internal sealed partial record SourceFile(string Path, string Namespace, IReadOnlyList<string> Usings, string Code)
{
    /// <summary>Every <c>*.cs</c> file under <paramref name="projectDirectory"/> (build output excluded), each
    /// <see cref="Path"/> relative to it.</summary>
    public static IReadOnlyList<SourceFile> In(string projectDirectory) =>
        Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(IsSource)
            .Order(StringComparer.Ordinal)
            .Select(f => Parse(System.IO.Path.GetRelativePath(projectDirectory, f), File.ReadAllLines(f)))
            .ToList();

    /// <summary>The repository places <c>using</c> directives before a file-scoped <c>namespace</c> (.editorconfig),
    /// so directives are read only until it; a file with none (top-level statements) is in the global namespace.</summary>
    public static SourceFile Parse(string path, IReadOnlyList<string> lines)
    {
        var usings = new List<string>();
        string ns = MetadataNames.GlobalNamespace;
        bool inHeader = true;
        var code = new List<string>();
        foreach (string line in lines)
        {
            if (inHeader && NamespaceLine().Match(line) is { Success: true } declaration)
            {
                ns = declaration.Groups["name"].Value;
                inHeader = false;
            }
            else if (inHeader && UsingLine().Match(line) is { Success: true } directive)
            {
                usings.Add(directive.Groups["target"].Value);
            }

            code.Add(WithoutComment(line));
        }

        return new SourceFile(path, ns, usings, string.Join('\n', code));
    }

    /// <summary>The line up to a <c>//</c> comment (doc comments' <c>cref</c>s are not uses). A <c>//</c> inside a
    /// string literal cuts the line short too, which can only hide a use, never invent one.</summary>
    private static string WithoutComment(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    private static bool IsSource(string file)
    {
        string separator = System.IO.Path.DirectorySeparatorChar.ToString();
        return !file.Contains(separator + "obj" + separator, StringComparison.Ordinal)
            && !file.Contains(separator + "bin" + separator, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)\s*[;{]?\s*$")]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<target>[\w.]+)\s*;")]
    private static partial Regex UsingLine();
}
