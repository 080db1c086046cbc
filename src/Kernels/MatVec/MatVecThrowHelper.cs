using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// The out-of-line throws that name a kernel path, kept beside the paths they name so that the assembly-wide
/// <see cref="ThrowHelper"/> (used by the FFT and numerics too) needs nothing from this namespace.
/// </summary>
internal static class MatVecThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void UnsupportedPath(KernelPath path) =>
        throw new PlatformNotSupportedException($"kernel path {KernelDispatch.Name(path)} is not supported on this CPU (or is disabled by a DOTNET_Enable* switch)");
}
