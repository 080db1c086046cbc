namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>One namespace using another: <c>From → To</c>.</summary>
internal sealed record NamespaceEdge(string From, string To);

/// <summary>
/// Which namespace of one assembly uses which other namespace of it, each edge with an example that shows where
/// (<c>StreamingStft uses AttenuationLimit</c>, or the file whose <c>using</c> directive declares it).
/// </summary>
internal sealed class NamespaceGraph(string assembly, IReadOnlyDictionary<NamespaceEdge, string> edges)
{
    public string Assembly { get; } = assembly;

    public IReadOnlyDictionary<NamespaceEdge, string> Edges { get; } = edges;

    /// <summary>Every cycle, one readable block each: the namespaces in it, then each edge among them with its
    /// example (<c>A.Stft → A.Processing (StreamingStft uses AttenuationLimit)</c>). Empty when the graph is a DAG.</summary>
    public IReadOnlyList<string> CycleReports()
    {
        var reports = new List<string>();
        foreach (IReadOnlyList<string> cycle in StronglyConnected.Cycles(Edges.Keys.Select(e => (e.From, e.To))))
        {
            var members = new HashSet<string>(cycle, StringComparer.Ordinal);
            IEnumerable<string> lines = Edges
                .Where(e => members.Contains(e.Key.From) && members.Contains(e.Key.To))
                .OrderBy(e => e.Key.From, StringComparer.Ordinal)
                .ThenBy(e => e.Key.To, StringComparer.Ordinal)
                .Select(e => $"  {e.Key.From} → {e.Key.To} ({e.Value})");
            reports.Add($"{Assembly}: namespace cycle through {string.Join(", ", cycle)}:\n{string.Join('\n', lines)}");
        }

        return reports;
    }
}
