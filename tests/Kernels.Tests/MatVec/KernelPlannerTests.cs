using RtDenoise.Kernels.MatVec;
using RtDenoise.Kernels.MatVec.Planning;
using RtDenoise.Kernels.Quantization;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>Issue 15: the load-time planner follows the timings it is given, honours a forced path, and never times
/// a path the CPU lacks. An injected timer makes these independent of the machine.</summary>
public sealed class KernelPlannerTests
{
    private sealed class FakeTimer(Dictionary<KernelPath, double> ns) : IKernelTimer
    {
        public List<KernelPath> Asked { get; } = [];

        public double Nanoseconds(QuantizedLinear layer, KernelPath path)
        {
            Asked.Add(path);
            return ns.TryGetValue(path, out double v) ? v : throw new InvalidOperationException($"{path} must not be timed");
        }
    }

    private static QuantizedLinear Layer()
    {
        (QuantizedMatrix q, float[] bias) = KernelTestData.Matrix("vbs3", 16, 64);
        return new QuantizedLinear(q, bias, Activation.Relu, maxBatch: 1);
    }

    private static readonly Func<KernelPath, bool> AllX64 = p => p is KernelPath.Scalar or KernelPath.Vector128 or KernelPath.Avx2 or KernelPath.Avx512;

    [Theory]
    [InlineData(KernelPath.Avx2)]
    [InlineData(KernelPath.Avx512)]
    [InlineData(KernelPath.Vector128)]
    public void The_plan_pins_the_fastest_timed_path(KernelPath fastest)
    {
        using QuantizedLinear layer = Layer();
        var ns = new Dictionary<KernelPath, double> { [KernelPath.Vector128] = 3000, [KernelPath.Avx2] = 2000, [KernelPath.Avx512] = 2500 };
        ns[fastest] = 100;
        var timer = new FakeTimer(ns);
        LayerPlan plan = KernelPlanner.Plan(layer, timer, forced: null, isSupported: AllX64);
        Assert.Equal(fastest, plan.Path);
        Assert.Equal("measured", plan.Reason);
        Assert.Equal(3, plan.Timings.Count);
        Assert.DoesNotContain(KernelPath.Scalar, timer.Asked);
    }

    [Fact]
    public void A_forced_path_is_honoured_without_timing()
    {
        using QuantizedLinear layer = Layer();
        var timer = new FakeTimer([]);
        LayerPlan plan = KernelPlanner.Plan(layer, timer, forced: KernelPath.Vector128, isSupported: AllX64);
        Assert.Equal(KernelPath.Vector128, plan.Path);
        Assert.Empty(timer.Asked);
        Assert.Throws<PlatformNotSupportedException>(() => KernelPlanner.Plan(layer, timer, KernelPath.Neon, AllX64));
    }

    [Fact]
    public void Unsupported_paths_are_never_timed()
    {
        using QuantizedLinear layer = Layer();
        var timer = new FakeTimer(new() { [KernelPath.Vector128] = 50, [KernelPath.Avx2] = 10 });
        LayerPlan plan = KernelPlanner.Plan(layer, timer, null, p => p is KernelPath.Scalar or KernelPath.Vector128 or KernelPath.Avx2);
        Assert.Equal(KernelPath.Avx2, plan.Path);
        Assert.Equal([KernelPath.Vector128, KernelPath.Avx2], timer.Asked.Order());
    }

    [Fact]
    public void Scalar_is_the_only_candidate_only_without_vector_paths()
    {
        Assert.Equal([KernelPath.Scalar], KernelPlanner.Candidates(p => p == KernelPath.Scalar));
        Assert.DoesNotContain(KernelPath.Scalar, KernelPlanner.Candidates(AllX64));
        using QuantizedLinear layer = Layer();
        var timer = new FakeTimer([]);
        LayerPlan plan = KernelPlanner.Plan(layer, timer, null, p => p == KernelPath.Scalar);
        Assert.Equal(KernelPath.Scalar, plan.Path);
        Assert.Empty(timer.Asked);
    }

    [Fact]
    public void The_real_timer_measures_every_supported_path_on_this_machine()
    {
        using QuantizedLinear layer = Layer();
        LayerPlan plan = KernelPlanner.Plan(layer, new StopwatchKernelTimer { Warmup = 2, Repeats = 3 });
        Assert.True(KernelDispatch.IsSupported(plan.Path));
        Assert.All(plan.Timings, t => Assert.True(t.Nanoseconds > 0 && KernelDispatch.IsSupported(t.Path)));
        Assert.Equal(KernelPlanner.Candidates(KernelDispatch.IsSupported).Count, Math.Max(plan.Timings.Count, 1));
    }
}
