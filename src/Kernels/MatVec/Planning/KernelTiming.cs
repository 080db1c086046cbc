namespace RtDenoise.Kernels.MatVec.Planning;

/// <summary>The median time of one path on one layer.</summary>
public readonly record struct KernelTiming(KernelPath Path, double Nanoseconds);
