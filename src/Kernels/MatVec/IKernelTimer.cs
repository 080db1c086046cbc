namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// Measures one layer on one kernel path for <see cref="KernelPlanner"/>. The planner only decides; the timer only
/// measures, so tests inject a fake with chosen timings (and a record of what was asked) and the real one
/// (<see cref="StopwatchKernelTimer"/>) stays out of the decision logic.
/// </summary>
public interface IKernelTimer
{
    /// <summary>
    /// Nanoseconds per <c>layer.Forward(x, y, 1, path)</c> call, e.g. the median of a few timed repeats. The planner
    /// only asks about paths <see cref="KernelDispatch.IsSupported"/> says this CPU runs.
    /// </summary>
    double NanosecondsPerCall(QuantizedLinear layer, KernelPath path);
}

/// <summary>An <see cref="IKernelTimer"/> from a delegate (tests: a table of invented timings).</summary>
public sealed class DelegateKernelTimer(Func<QuantizedLinear, KernelPath, double> measure) : IKernelTimer
{
    public double NanosecondsPerCall(QuantizedLinear layer, KernelPath path) => measure(layer, path);
}
