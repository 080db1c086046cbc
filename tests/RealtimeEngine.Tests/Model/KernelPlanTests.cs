using RtDenoise.Engine.Model;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Model;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>
/// <see cref="DnnSpectralProcessor"/> plans every quantized layer at load: with an injected clock the
/// plan follows the timings per layer, a forced path is honoured, the pinned constructor still pins, and the
/// planned processor computes what the pinned one does (all paths are bit-identical).
/// </summary>
public sealed class KernelPlanTests
{
    private static RtmModel Model()
    {
        RtmModel f = TestModels.Random(31, hidden: 40);
        return ModelQuantizer.Quantize(f, [.. Enumerable.Repeat(WeightFormat.Parse("vbs4"), f.Layers.Count)]);
    }

    private static KernelPath[] Supported => [.. KernelDispatch.All.Where(KernelDispatch.IsSupported)];

    [Fact]
    public void Each_layer_takes_the_path_the_clock_says_is_fastest()
    {
        RtmModel m = Model();
        // Layer-dependent winner: layer i's fastest path is Supported[i % n], so different layers get different paths.
        // Layers are planned in order, so the k-th distinct layer the clock sees is the k-th quantized layer.
        var seen = new Dictionary<QuantizedLinear, int>(ReferenceEqualityComparer.Instance);
        var timer = new DelegateKernelTimer((layer, p) =>
        {
            int i = seen.TryGetValue(layer, out int k) ? k : seen[layer] = seen.Count;
            return p == Supported[i % Supported.Length] ? 10 : 100;
        });
        var processor = new DnnSpectralProcessor(m, new KernelPlanner(timer, forced: null));
        Assert.Equal(m.Layers.Count(l => l.IsQuantized), processor.Plan.Count);
        foreach (LayerPlan plan in processor.Plan)
        {
            Assert.Equal(Supported[plan.Layer % Supported.Length], plan.Path);
            Assert.Equal(PlanSource.Measured, plan.Source);
            Assert.Equal(Supported.Length, plan.Timings.Count);
        }

        Assert.StartsWith("kernel plan: layer 0 ", processor.QuantizedKernelPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forced_path_is_honoured_for_every_layer()
    {
        KernelPath forced = Supported[^1];
        var processor = new DnnSpectralProcessor(Model(), new KernelPlanner(new DelegateKernelTimer((_, _) => throw new InvalidOperationException("timed")), forced));
        Assert.All(processor.Plan, p => Assert.Equal((forced, PlanSource.ForcedByEnvironment), (p.Path, p.Source)));
    }

    [Fact]
    public void The_pinning_constructor_pins_and_the_planned_processor_agrees_with_it()
    {
        RtmModel m = Model();
        float[] features = [.. Enumerable.Range(0, m.FeatureCount).Select(i => MathF.Cos(i * 0.1f))];
        var planned = new DnnSpectralProcessor(m);
        Assert.All(planned.Plan, p => Assert.True(KernelDispatch.IsSupported(p.Path)));
        float[] expected = planned.Forward(features).ToArray();
        foreach (KernelPath path in Supported)
        {
            var pinned = new DnnSpectralProcessor(m, path);
            Assert.All(pinned.Plan, p => Assert.Equal((path, PlanSource.PinnedByCaller), (p.Path, p.Source)));
            Assert.Equal(expected, pinned.Forward(features).ToArray());
        }
    }

    [Fact]
    public void An_fp32_model_has_an_empty_plan()
    {
        var processor = new DnnSpectralProcessor(TestModels.Random(32, hidden: 16));
        Assert.Empty(processor.Plan);
        Assert.Null(processor.QuantizedKernelPath);
    }
}
