using System.Collections.Concurrent;

namespace RtDenoise.Kernels.MatVec.Planning;

/// <summary>
/// Picks the kernel path per layer by measuring, as FFTW's MEASURE planner picks a codelet: the widest path is not
/// always the fastest (on AMD Zen 5 the 512-bit kernels ran 1.37× slower than AVX2 + AVX-VNNI, issue 15), and which
/// one wins depends on the CPU and the layer's shape and format. Every supported vector path is timed on the layer
/// itself (<see cref="IKernelTimer"/>); the fastest is pinned. Scalar, the readable specification, is a candidate only
/// when no vector path exists (it is 30–150× slower wherever one does). <c>RTDENOISE_KERNEL</c> still forces one path
/// for every layer (<see cref="KernelDispatch.Forced"/>). All paths give bit-identical results, so the plan changes
/// speed only, never the output.
/// </summary>
public static class KernelPlanner
{
    private static readonly ConcurrentDictionary<(int Rows, int Cols, string Format), LayerPlan> Cache = new();

    /// <summary>The paths the planner would time on a CPU whose support is <paramref name="isSupported"/>.</summary>
    public static IReadOnlyList<KernelPath> Candidates(Func<KernelPath, bool> isSupported)
    {
        ArgumentNullException.ThrowIfNull(isSupported);
        List<KernelPath> vector = [.. KernelDispatch.All.Where(p => p != KernelPath.Scalar && isSupported(p))];
        return vector.Count > 0 ? vector : [KernelPath.Scalar];
    }

    /// <summary>Plans one layer. <paramref name="forced"/> (e.g. from RTDENOISE_KERNEL) wins without timing.</summary>
    public static LayerPlan Plan(QuantizedLinear layer, IKernelTimer timer, KernelPath? forced = null, Func<KernelPath, bool>? isSupported = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(timer);
        isSupported ??= KernelDispatch.IsSupported;
        if (forced is KernelPath f)
        {
            return isSupported(f)
                ? new LayerPlan(f, $"forced by {KernelDispatch.OverrideVariable}", [])
                : throw new PlatformNotSupportedException($"kernel path {KernelDispatch.Name(f)} is not supported on this CPU");
        }

        IReadOnlyList<KernelPath> candidates = Candidates(isSupported);
        if (candidates.Count == 1)
        {
            return new LayerPlan(candidates[0], "the only path", []);
        }

        var timings = candidates.Select(p => new KernelTiming(p, timer.Nanoseconds(layer, p))).ToList();
        KernelTiming best = timings.MinBy(t => t.Nanoseconds);
        return new LayerPlan(best.Path, "measured", timings);
    }

    /// <summary>
    /// <see cref="Plan"/> with the stopwatch and the process's override, remembered per (shape, format) for the life
    /// of the process: a batch or an evaluation builds one processor per file, and re-measuring each would only add
    /// noise (nothing is written to disk).
    /// </summary>
    public static LayerPlan PlanCached(QuantizedLinear layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (KernelDispatch.Forced is KernelPath forced)
        {
            return Plan(layer, new StopwatchKernelTimer(), forced);
        }

        return Cache.GetOrAdd((layer.OutputSize, layer.InputSize, layer.Format.ToString()), _ => Plan(layer, new StopwatchKernelTimer()));
    }
}
