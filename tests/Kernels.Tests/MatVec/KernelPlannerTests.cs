using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>
/// The load-time planner with an injected clock: the plan follows the timings, a forced path is
/// honoured untimed, unsupported paths are never timed; and the real clock stays within its budget.
/// </summary>
public sealed class KernelPlannerTests
{
    private static QuantizedLinear Layer(int rows = 9, int cols = 70)
    {
        (var q, float[] bias) = KernelTestData.Matrix("vbs4", rows, cols);
        return new QuantizedLinear(q, bias, Activation.Relu, maxBatch: 1);
    }

    /// <summary>A clock that answers from a table and records every question.</summary>
    private sealed class FakeTimer(Func<KernelPath, double> table) : IKernelTimer
    {
        public List<KernelPath> Asked { get; } = [];

        public double NanosecondsPerCall(QuantizedLinear layer, KernelPath path)
        {
            Asked.Add(path);
            return table(path);
        }
    }

    private static KernelPath[] Supported => [.. KernelDispatch.All.Where(KernelDispatch.IsSupported)];

    [Fact]
    public void The_plan_follows_the_injected_timings()
    {
        // Make each supported path the fastest in turn; the plan must follow, whatever the CPU's widest path is.
        foreach (KernelPath winner in Supported)
        {
            var timer = new FakeTimer(p => p == winner ? 100 : 1000 + (int)p);
            using QuantizedLinear layer = Layer();
            LayerPlan plan = new KernelPlanner(timer, forced: null).Plan(layer, 3);
            Assert.Equal(winner, plan.Path);
            Assert.Equal(winner, layer.Path);
            Assert.Equal(PlanSource.Measured, plan.Source);
            Assert.Equal(3, plan.Layer);
            Assert.Equal((9, 70), (plan.Rows, plan.Cols));
            Assert.Equal(Supported.Order(), plan.Timings.Select(t => t.Path).Order());
            Assert.Equal(100, plan.Timings[0].Nanoseconds);
            Assert.True(plan.Timings.Zip(plan.Timings.Skip(1)).All(t => t.First.Nanoseconds <= t.Second.Nanoseconds), "timings are fastest first");
        }
    }

    [Fact]
    public void The_slowest_widest_path_is_not_chosen()
    {
        // Measured on Zen 5: avx512 11.88 µs, avx2 8.31 µs at 512x771 vbs4. Widest is not fastest.
        static double Zen5(KernelPath p) => p switch
        {
            KernelPath.Avx512 => 11_880,
            KernelPath.Avx2 => 8_310,
            KernelPath.Vector128 => 43_800,
            KernelPath.Neon => 9_000,
            _ => 1_609_000,
        };
        var timer = new FakeTimer(Zen5);
        using QuantizedLinear layer = Layer();
        LayerPlan plan = new KernelPlanner(timer, forced: null).Plan(layer, 0);
        Assert.Equal(Supported.MinBy(Zen5), plan.Path);
        Assert.NotEqual(KernelPath.Avx512, plan.Path);
    }

    [Fact]
    public void A_forced_path_is_honoured_and_nothing_is_timed()
    {
        foreach (KernelPath forced in Supported)
        {
            var timer = new FakeTimer(_ => 1);
            using QuantizedLinear layer = Layer();
            LayerPlan plan = new KernelPlanner(timer, forced).Plan(layer, 1);
            Assert.Equal(forced, plan.Path);
            Assert.Equal(forced, layer.Path);
            Assert.Equal(PlanSource.ForcedByEnvironment, plan.Source);
            Assert.Empty(plan.Timings);
            Assert.Empty(timer.Asked);
            Assert.Contains("forced by RTDENOISE_KERNEL", plan.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unsupported_paths_are_never_timed_even_when_asked_for()
    {
        // Every path offered, and the fake says the unsupported ones are the fastest: they must not be asked about.
        var timer = new FakeTimer(p => KernelDispatch.IsSupported(p) ? 1000 : 1);
        var planner = new KernelPlanner(timer, forced: null, candidates: KernelDispatch.All);
        using QuantizedLinear layer = Layer();
        LayerPlan plan = planner.Plan(layer, 0);
        Assert.All(timer.Asked, p => Assert.True(KernelDispatch.IsSupported(p), $"{p} was timed"));
        Assert.Equal(Supported.Length, timer.Asked.Count);
        Assert.True(KernelDispatch.IsSupported(plan.Path));
        Assert.Equal(planner.Candidates.Order(), Supported.Order());
    }

    [Fact]
    public void Forcing_an_unsupported_path_throws()
    {
        foreach (KernelPath p in KernelDispatch.All.Where(p => !KernelDispatch.IsSupported(p)))
        {
            Assert.Throws<PlatformNotSupportedException>(() => new KernelPlanner(new FakeTimer(_ => 1), p));
            using QuantizedLinear layer = Layer();
            Assert.Throws<PlatformNotSupportedException>(() => layer.Path = p);
        }
    }

    [Fact]
    public void The_pinned_path_gives_the_same_output_as_the_explicit_one()
    {
        using QuantizedLinear layer = Layer();
        float[] x = [.. Enumerable.Range(0, 70).Select(i => MathF.Sin(i * 0.3f))];
        foreach (KernelPath p in Supported)
        {
            float[] pinned = new float[9], named = new float[9];
            layer.Path = p;
            layer.Forward(x, pinned);
            layer.Forward(x, named, 1, p);
            Assert.Equal(named, pinned);
        }
    }

    [Fact]
    public void The_real_clock_measures_every_supported_path()
    {
        // No wall-clock bound here: under qemu-aarch64 or a busy machine any bound is either loose or flaky; the
        // planner's cost is measured in the benchmarks (latency-bench kernels), not in a unit test.
        using QuantizedLinear layer = Layer(256, 256);
        var clock = new StopwatchKernelTimer();
        LayerPlan plan = new KernelPlanner(clock, forced: null).Plan(layer, 0);
        Assert.Equal(Supported.Length, plan.Timings.Count);
        Assert.All(plan.Timings, t => Assert.True(t.Nanoseconds > 0 && double.IsFinite(t.Nanoseconds), $"{t}"));
    }

    [Fact]
    public void The_delegate_timer_is_an_injectable_clock()
    {
        var timer = new DelegateKernelTimer((layer, p) => p == KernelPath.Scalar ? 1 : 2);
        using QuantizedLinear layer = Layer();
        Assert.Equal(KernelPath.Scalar, new KernelPlanner(timer, forced: null).Plan(layer, 0).Path);
    }

    [Fact]
    public void The_caching_timer_times_each_shape_and_path_once()
    {
        int calls = 0;
        var timer = new CachingKernelTimer(new DelegateKernelTimer((_, p) => ++calls + (int)p));
        using QuantizedLinear a = Layer(), b = Layer();
        double first = timer.NanosecondsPerCall(a, KernelPath.Scalar);
        Assert.Equal(first, timer.NanosecondsPerCall(b, KernelPath.Scalar)); // same shape and format: remembered
        Assert.Equal(1, calls);
        timer.NanosecondsPerCall(a, KernelPath.Vector128);
        Assert.Equal(2, calls);
    }
}
