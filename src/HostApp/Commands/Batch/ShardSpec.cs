using System.Globalization;
using RtDenoise.HostApp.Cli;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// `--shard K/N`: shard K (0-based, 0 ≤ K &lt; N) of N takes every N-th file of the sorted list starting at K, so N
/// processes given 0/N … N−1/N cover every file exactly once with no coordinator (a Slurm array task id, a
/// Kubernetes indexed Job's completion index).
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static ShardSpec All => new(0, 1);

    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            || n < 1 || k >= n)
        {
            throw new UserInputException($"--shard '{text}': expected K/N with 0 ≤ K < N, e.g. 0/4 (shard K of N, counted from 0).");
        }

        return new ShardSpec(k, n);
    }

    /// <summary>The items of this shard, in their order: positions K, K+N, K+2N, …</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> sorted)
    {
        var mine = new List<T>();
        for (long i = Index; i < sorted.Count; i += Count) // long: K + N overflows int for N near int.MaxValue
        {
            mine.Add(sorted[(int)i]);
        }

        return mine;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
