using System.Collections.Concurrent;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// Remembers another timer's answers per (rows, columns, format, path) for the life of the process. A batch run or
/// an evaluation builds a denoiser per file (and the command line one more to validate its options first); without
/// this each would re-time the same layers, a few milliseconds each, as long as denoising a short file, and the plan
/// could flip between files on timing noise. Nothing is written to disk.
/// </summary>
public sealed class CachingKernelTimer(IKernelTimer inner) : IKernelTimer
{
    private readonly ConcurrentDictionary<(int Rows, int Cols, string Format, KernelPath Path), double> _known = new();

    public double NanosecondsPerCall(QuantizedLinear layer, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return _known.GetOrAdd((layer.OutputSize, layer.InputSize, layer.Format.ToString(), path), _ => inner.NanosecondsPerCall(layer, path));
    }
}
