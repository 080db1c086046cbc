namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>docs/architecture.md's reference rules, checked against the project files.</summary>
public sealed class ProjectReferenceRulesTests
{
    [Fact]
    public void The_repository_projects_reference_only_what_the_architecture_allows()
    {
        ProjectGraph graph = ProjectGraph.Load(CliRunner.RepoRoot());

        Assert.Empty(ArchitectureRules.Violations(graph));
        // The load really found every project: an empty graph would pass the check above vacuously.
        Assert.Equal(ArchitectureRules.AllowedReferences.Keys.Order(StringComparer.Ordinal), graph.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_real_time_engine_referencing_the_offline_assembly_is_reported()
    {
        ProjectGraph graph = With(ProjectGraph.Load(CliRunner.RepoRoot()), new ProjectNode("RealtimeEngine", ["Kernels", "Offline"], []));

        IReadOnlyList<string> problems = ArchitectureRules.Violations(graph);

        Assert.Contains("RealtimeEngine → Offline: forbidden (allowed: Kernels)", problems);
        Assert.Contains("LadspaPlugin reaches Offline: offline code on the audio path", problems);
    }

    [Fact]
    public void An_offline_package_reached_from_the_plugin_is_reported()
    {
        ProjectGraph graph = With(ProjectGraph.Load(CliRunner.RepoRoot()), new ProjectNode("Kernels", ["ModelFormat"], ["NAudio.Core"]));

        Assert.Contains("Kernels (reached from LadspaPlugin) uses NAudio.Core: an offline package on the audio path", ArchitectureRules.Violations(graph));
    }

    [Fact]
    public void A_project_outside_the_picture_is_reported()
    {
        ProjectGraph graph = With(ProjectGraph.Load(CliRunner.RepoRoot()), new ProjectNode("Extras", ["Offline"], []));

        Assert.Contains("Extras: not in docs/architecture.md's picture (add it to the rules before referencing it)", ArchitectureRules.Violations(graph));
    }

    private static ProjectGraph With(ProjectGraph graph, ProjectNode replacement) =>
        new(graph.Nodes.Where(n => n.Name != replacement.Name).Append(replacement));
}
