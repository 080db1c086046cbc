using System.Globalization;
using System.Text;

namespace RtDenoise.Kernels.MatVec;

/// <summary>How <see cref="KernelPlanner"/> arrived at a layer's path.</summary>
public enum PlanSource
{
    /// <summary>Every supported path was timed on the layer's shape; the fastest won.</summary>
    Measured,

    /// <summary><c>RTDENOISE_KERNEL</c> named the path; nothing was timed.</summary>
    ForcedByEnvironment,

    /// <summary>The caller pinned the path (tests, benchmarks); nothing was timed.</summary>
    PinnedByCaller,
}

/// <summary>One path's measured time on one layer.</summary>
public readonly record struct PathTiming(KernelPath Path, double Nanoseconds);

/// <summary>
/// One quantized layer's plan: the kernel path it runs on, why, and (when measured) every timed path's
/// nanoseconds per call, fastest first.
/// </summary>
public sealed record LayerPlan(int Layer, int Rows, int Cols, string Format, KernelPath Path, PlanSource Source, IReadOnlyList<PathTiming> Timings)
{
    public string SourceText => Source switch
    {
        PlanSource.Measured => "measured",
        PlanSource.ForcedByEnvironment => $"forced by {KernelDispatch.OverrideVariable}",
        _ => "pinned by the caller",
    };

    /// <summary>E.g. "layer 0 516x256 vbs4: avx2 (measured: avx2 2.10 µs, avx512 2.95 µs, vector128 9.8 µs, scalar 540 µs)".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"layer {Layer} {Cols}x{Rows} {Format}: {KernelDispatch.Name(Path)} ({SourceText}");
        for (int i = 0; i < Timings.Count; i++)
        {
            sb.Append(i == 0 ? ": " : ", ");
            sb.Append(CultureInfo.InvariantCulture, $"{KernelDispatch.Name(Timings[i].Path)} {Timings[i].Nanoseconds / 1000:0.00} µs");
        }

        return sb.Append(')').ToString();
    }
}
