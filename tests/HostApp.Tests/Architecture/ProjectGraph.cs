using System.Xml.Linq;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// The repository's projects and what each references, read from the <c>.csproj</c> files themselves (not from a
/// build), so a forbidden reference fails the test before anyone runs the code that uses it.
/// </summary>
internal sealed class ProjectGraph
{
    private readonly Dictionary<string, ProjectNode> _nodes;

    public ProjectGraph(IEnumerable<ProjectNode> nodes) =>
        _nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<ProjectNode> Nodes => _nodes.Values;

    /// <summary>Every shipped project: <c>src/*/*.csproj</c> and <c>latency-bench</c> (tests may reference anything).</summary>
    public static ProjectGraph Load(string repoRoot) => new(ProjectFiles(repoRoot).Select(Read));

    /// <summary>The shipped projects' <c>.csproj</c> paths.</summary>
    public static IEnumerable<string> ProjectFiles(string repoRoot) =>
        Directory.GetFiles(Path.Combine(repoRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(repoRoot, "latency-bench"), "*.csproj"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static ProjectNode Read(string path)
    {
        XDocument doc = XDocument.Load(path);
        string[] Items(string kind) => doc.Descendants(kind)
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .Where(s => s.Length > 0)
            .ToArray();
        return new ProjectNode(
            Path.GetFileNameWithoutExtension(path),
            Items("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Replace('\\', '/'))).ToArray(),
            Items("PackageReference"));
    }

    /// <summary>The project and everything it reaches through project references (depth first).</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([name]);
        while (stack.TryPop(out string? n))
        {
            if (seen.Add(n) && _nodes.TryGetValue(n, out ProjectNode? node))
            {
                foreach (string r in node.ProjectReferences)
                {
                    stack.Push(r);
                }
            }
        }

        return seen;
    }
}

/// <summary>One project file: its name (file name without extension) and its direct references.</summary>
internal sealed record ProjectNode(string Name, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences);
