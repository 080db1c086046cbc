namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>Tarjan's strongly connected components: the groups of nodes that all reach one another. A group of two
/// or more is a cycle (the graphs here have no self-edges: a namespace's use of itself is not recorded).</summary>
internal static class StronglyConnected
{
    /// <summary>Every component of more than one node, each sorted, the list sorted by its first node.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var successors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach ((string from, string to) in edges)
        {
            Successors(successors, from).Add(to);
            Successors(successors, to);
        }

        var walk = new Walk(successors);
        foreach (string node in successors.Keys.Order(StringComparer.Ordinal))
        {
            if (!walk.Index.ContainsKey(node))
            {
                walk.Visit(node);
            }
        }

        return walk.Components
            .Where(c => c.Count > 1)
            .Select(c => (IReadOnlyList<string>)c.Order(StringComparer.Ordinal).ToList())
            .OrderBy(c => c[0], StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> Successors(Dictionary<string, List<string>> successors, string node)
    {
        if (!successors.TryGetValue(node, out List<string>? list))
        {
            successors[node] = list = [];
        }

        return list;
    }

    /// <summary>One depth-first pass: discovery order, the lowest order reachable, and the stack of open nodes.</summary>
    private sealed class Walk(Dictionary<string, List<string>> successors)
    {
        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        public List<List<string>> Components { get; } = [];

        private readonly Dictionary<string, int> _lowLink = new(StringComparer.Ordinal);
        private readonly Stack<string> _open = new();
        private readonly HashSet<string> _onStack = new(StringComparer.Ordinal);

        // Recursion depth is bounded by the number of namespaces in one assembly (tens).
        public void Visit(string node)
        {
            Index[node] = _lowLink[node] = Index.Count;
            _open.Push(node);
            _onStack.Add(node);
            foreach (string next in successors[node])
            {
                if (!Index.ContainsKey(next))
                {
                    Visit(next);
                    _lowLink[node] = Math.Min(_lowLink[node], _lowLink[next]);
                }
                else if (_onStack.Contains(next))
                {
                    _lowLink[node] = Math.Min(_lowLink[node], Index[next]);
                }
            }

            if (_lowLink[node] == Index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = _open.Pop();
                    _onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                Components.Add(component);
            }
        }
    }
}
