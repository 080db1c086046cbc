using System.Diagnostics;

namespace RtDenoise.Kernels.MatVec.Planning;

/// <summary>
/// The planner's clock: warm-up calls (so the JIT has compiled the path's kernels and the weights are in cache), then
/// the median of <see cref="Repeats"/> single-frame calls timed one by one with <see cref="Stopwatch"/>. The median,
/// not the mean, because on a shared machine a call can be preempted; one call per sample because a real hop runs one
/// frame. The forward pass, activation quantizer and every path's kernels are [AggressiveOptimization]: they are
/// compiled optimized on first call, so a load-time measurement (long before tiered compilation would promote them)
/// times the code that will run; before that change the measured AVX2 layer was tier-0 code, 3–5× slower. Costs about (Warmup + Repeats) × the call time: ~0.3 ms for a 645×288 3-bit layer on AVX2.
/// </summary>
public sealed class StopwatchKernelTimer : IKernelTimer
{
    public int Warmup { get; init; } = 40;

    public int Repeats { get; init; } = 21;

    public double Nanoseconds(QuantizedLinear layer, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var x = new float[layer.InputSize];
        var y = new float[layer.OutputSize];
        var rng = new Random(1);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() - 0.5);
        }

        for (int i = 0; i < Warmup; i++)
        {
            layer.Forward(x, y, 1, path);
        }

        var samples = new double[Repeats];
        for (int i = 0; i < samples.Length; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            layer.Forward(x, y, 1, path);
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalNanoseconds;
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }
}
