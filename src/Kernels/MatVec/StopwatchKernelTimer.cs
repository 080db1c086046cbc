using System.Diagnostics;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// The planner's real clock: a few hundred microseconds of one layer on one path, as in FFTW's MEASURE planner
/// (Frigo &amp; Johnson, "The Design and Implementation of FFTW3", Proc. IEEE 2005, §6): run the candidate on the
/// real problem size and keep the fastest, instead of trusting a model of the CPU. Why: measured on Zen 5, the
/// widest path (AVX-512) is 1.37× slower than AVX2 + AVX-VNNI.
/// </summary>
/// <remarks>
/// <para>Procedure per (layer, path): one untimed call to compile and warm up (the kernels, the activation
/// quantizer and the epilogue are <c>AggressiveOptimization</c>, so the JIT compiles them optimised at this first
/// call rather than tier 0; the call also pulls the weights into cache as the steady state has them); one timed
/// call; then samples of <c>n</c> calls each, n chosen so a sample lasts
/// ≈ <see cref="SampleNanoseconds"/> (far above the Stopwatch's resolution); the result is the median of the
/// samples, which ignores the odd sample another process's time slice inflated (this is a shared 2-core machine in
/// places). A path whose single timed call alone exceeds the budget (scalar on a big layer) is not sampled further: the
/// one call is its figure, and it will lose anyway.</para>
/// <para>Cost: ≤ <see cref="BudgetNanoseconds"/> + two calls per (layer, path), plus the JIT; for the shipped 3-layer model on a
/// 4-path x64 CPU ≈ 3–4 ms at load. Allocates only the input and output vectors, once per call of this method.</para>
/// </remarks>
public sealed class StopwatchKernelTimer : IKernelTimer
{
    public double BudgetNanoseconds { get; init; } = 250_000;

    public double SampleNanoseconds { get; init; } = 20_000;

    public int MaxSamples { get; init; } = 9;

    public double NanosecondsPerCall(QuantizedLinear layer, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(layer);
        float[] x = new float[layer.InputSize];
        float[] y = new float[layer.OutputSize];
        var rng = new Random(15);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        // Warm-up, untimed: the first call of a path compiles its kernel for this layer's code width (milliseconds
        // of JIT) and pulls the codes into cache. Then one timed call sizes the samples.
        layer.Forward(x, y, 1, path);
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        long start = Stopwatch.GetTimestamp();
        layer.Forward(x, y, 1, path);
        double first = (Stopwatch.GetTimestamp() - start) * nsPerTick;
        if (first >= BudgetNanoseconds)
        {
            return first;
        }

        int n = Math.Max(1, (int)(SampleNanoseconds / Math.Max(first, 1)));
        Span<double> samples = stackalloc double[MaxSamples];
        int count = 0;
        double spent = first;
        while (count < MaxSamples && (count < 3 || spent < BudgetNanoseconds))
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                layer.Forward(x, y, 1, path);
            }

            double sample = (Stopwatch.GetTimestamp() - t0) * nsPerTick;
            spent += sample;
            samples[count++] = sample / n;
            if (count == 1 && sample > SampleNanoseconds * 4)
            {
                // The warm-up call was cheap but a whole sample is not (the first call was a fluke): re-size n.
                n = Math.Max(1, (int)(n * SampleNanoseconds / sample));
            }
        }

        samples = samples[..count];
        samples.Sort();
        return count % 2 == 1 ? samples[count / 2] : (samples[(count / 2) - 1] + samples[count / 2]) / 2;
    }
}
