namespace RtDenoise.Kernels.MatVec.Planning;

/// <summary>Measures one kernel path on one layer (nanoseconds per single-frame forward pass). Injected so tests can
/// prove the planner follows the timings without depending on the machine.</summary>
public interface IKernelTimer
{
    double Nanoseconds(QuantizedLinear layer, KernelPath path);
}
