namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// The reference rules of docs/architecture.md as data: which project may reference which, and what must never be
/// reachable from the audio path (the real-time engine and the LADSPA plugin that is loaded into other programs).
/// </summary>
internal static class ArchitectureRules
{
    /// <summary>Direct project references each project is allowed; a project missing here is itself a violation
    /// (a new project must be placed in the picture before it is referenced).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedReferences = new Dictionary<string, string[]>
    {
        ["ModelFormat"] = [],
        ["Kernels"] = ["ModelFormat"],
        ["RealtimeEngine"] = ["Kernels"],
        ["LadspaPlugin"] = ["RealtimeEngine"],
        ["Offline"] = ["RealtimeEngine"],
        ["Training"] = ["Offline"],
        ["HostApp"] = ["Offline", "Training"],
        ["LatencyBench"] = ["Offline"],
    };

    /// <summary>The projects on the audio path: nothing offline may be reachable from them.</summary>
    public static readonly string[] RealtimeProjects = ["ModelFormat", "Kernels", "RealtimeEngine", "LadspaPlugin"];

    /// <summary>Projects that hold offline code (files, metrics, training, the command line).</summary>
    public static readonly string[] OfflineProjects = ["Offline", "Training", "HostApp", "LatencyBench"];

    /// <summary>Packages that read or write files or plot: offline work, never on the audio path.</summary>
    public static readonly string[] OfflinePackages = ["NAudio.Core", "MathNet.Numerics", "ScottPlot", "System.CommandLine", "Spectre.Console"];

    /// <summary>Every violation in <paramref name="graph"/>, one readable line each (empty when the graph is clean).</summary>
    public static IReadOnlyList<string> Violations(ProjectGraph graph)
    {
        var problems = new List<string>();
        foreach (ProjectNode node in graph.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (!AllowedReferences.TryGetValue(node.Name, out string[]? allowed))
            {
                problems.Add($"{node.Name}: not in docs/architecture.md's picture (add it to the rules before referencing it)");
                continue;
            }

            problems.AddRange(node.ProjectReferences
                .Where(r => !allowed.Contains(r, StringComparer.Ordinal))
                .Select(r => $"{node.Name} → {r}: forbidden (allowed: {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))})"));
        }

        foreach (string rt in RealtimeProjects)
        {
            IReadOnlySet<string> closure = graph.Closure(rt);
            problems.AddRange(OfflineProjects.Where(closure.Contains)
                .Select(o => $"{rt} reaches {o}: offline code on the audio path"));
            problems.AddRange(graph.Nodes.Where(n => closure.Contains(n.Name))
                .SelectMany(n => n.PackageReferences.Intersect(OfflinePackages).Select(p => $"{n.Name} (reached from {rt}) uses {p}: an offline package on the audio path")));
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }
}
