using System.Globalization;

namespace RtDenoise.Kernels.MatVec.Planning;

/// <summary>The kernel path pinned for one layer, how it was chosen, and what each candidate measured (empty when
/// nothing was timed: a forced path or a single candidate).</summary>
public sealed record LayerPlan(KernelPath Path, string Reason, IReadOnlyList<KernelTiming> Timings)
{
    /// <summary>e.g. "avx2 (measured: avx2 4.1 µs, avx512 5.6 µs, vector128 19.8 µs)".</summary>
    public string Describe() => Timings.Count == 0
        ? $"{KernelDispatch.Name(Path)} ({Reason})"
        : $"{KernelDispatch.Name(Path)} ({Reason}: " + string.Join(", ", Timings.OrderBy(t => t.Nanoseconds)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{KernelDispatch.Name(t.Path)} {t.Nanoseconds / 1000:0.0#} µs"))) + ")";
}
