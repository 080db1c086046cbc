namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// Chooses each quantized layer's kernel path at load by timing (FFTW's MEASURE idea; see
/// <see cref="StopwatchKernelTimer"/>): every <em>supported</em> path runs the layer's real shape, the fastest is
/// pinned. <c>RTDENOISE_KERNEL</c> (<see cref="KernelDispatch.Forced"/>) overrides it without timing anything.
/// Nothing is cached on disk: planning costs a few milliseconds per layer shape and process, less than reading the file.
/// </summary>
/// <remarks>
/// Why not "the widest path": measured on Zen 5, AVX-512 is 1.37× slower than AVX2 + AVX-VNNI (the 256-bit
/// <c>vpdpbusd</c> does in one uop what the 512-bit path needs <c>vpmaddubsw</c> + <c>vpmaddwd</c> for, since .NET
/// 10 exposes no 512-bit VNNI there), and which path wins also depends on the layer's shape. Measuring settles both.
/// </remarks>
public sealed class KernelPlanner
{
    private readonly IKernelTimer _timer;
    private readonly KernelPath? _forced;
    private readonly IReadOnlyList<KernelPath> _candidates;

    /// <param name="timer">The clock (tests inject one).</param>
    /// <param name="forced">A path every layer takes untimed; default <see cref="KernelDispatch.Forced"/> (the environment override).</param>
    /// <param name="candidates">Paths to consider, default all; unsupported ones are dropped here, never timed.</param>
    public KernelPlanner(IKernelTimer timer, KernelPath? forced, IReadOnlyList<KernelPath>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (forced is { } f && !KernelDispatch.IsSupported(f))
        {
            MatVecThrowHelper.UnsupportedPath(f);
        }

        _timer = timer;
        _forced = forced;
        _candidates = (candidates ?? KernelDispatch.All).Where(KernelDispatch.IsSupported).Distinct().ToArray();
        if (_candidates.Count == 0)
        {
            _candidates = [KernelPath.Scalar];
        }
    }

    /// <summary>The process default: the real clock, each layer shape timed once per process
    /// (<see cref="CachingKernelTimer"/>), and the <c>RTDENOISE_KERNEL</c> override if it is set.</summary>
    public static KernelPlanner Default { get; } = new(new CachingKernelTimer(new StopwatchKernelTimer()), KernelDispatch.Forced);

    /// <summary>The paths this planner would time (supported ones only).</summary>
    public IReadOnlyList<KernelPath> Candidates => _candidates;

    /// <summary>Plans one layer and pins it (<see cref="QuantizedLinear.Path"/>); <paramref name="index"/> only labels the plan.</summary>
    public LayerPlan Plan(QuantizedLinear layer, int index)
    {
        ArgumentNullException.ThrowIfNull(layer);
        LayerPlan plan;
        if (_forced is { } f)
        {
            plan = new LayerPlan(index, layer.OutputSize, layer.InputSize, layer.Format.ToString(), f, PlanSource.ForcedByEnvironment, []);
        }
        else
        {
            var timings = new List<PathTiming>(_candidates.Count);
            foreach (KernelPath p in _candidates)
            {
                timings.Add(new PathTiming(p, _timer.NanosecondsPerCall(layer, p)));
            }

            // Stable sort: on an exact tie the earlier candidate (KernelDispatch.All order) wins.
            PathTiming[] sorted = [.. timings.OrderBy(t => t.Nanoseconds)];
            plan = new LayerPlan(index, layer.OutputSize, layer.InputSize, layer.Format.ToString(), sorted[0].Path, PlanSource.Measured, sorted);
        }

        layer.Path = plan.Path;
        return plan;
    }

    /// <summary>The plan of a layer pinned by the caller (nothing timed), in the same shape as a measured one.</summary>
    public static LayerPlan Pinned(QuantizedLinear layer, int index, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.Path = path;
        return new LayerPlan(index, layer.OutputSize, layer.InputSize, layer.Format.ToString(), path, PlanSource.PinnedByCaller, []);
    }
}
