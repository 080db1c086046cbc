using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RtDenoise.Kernels;

/// <summary>
/// The throws of the hot-path guards, out of line (the .NET runtime's ThrowHelper pattern): a method that
/// contains a <c>throw</c> carries the exception construction and string formatting in its body, which keeps the
/// JIT from inlining it and bloats the hot loop's code. A call to a <see cref="DoesNotReturnAttribute"/>,
/// never-inlined method is one cold call instruction, and the JIT lays it out of the hot path.
/// </summary>
internal static class ThrowHelper
{
    /// <summary>A layer's Forward got spans or a batch that do not fit its shape (<paramref name="maxBatch"/> 0: no limit).</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void LayerShape(string layer, int rows, int cols, int maxBatch, int batch, int xLength, int yLength) =>
        throw new ArgumentException(
            $"{layer} layer {rows}x{cols}: batch {batch} ({(maxBatch > 0 ? $"1..{maxBatch}" : "at least 1")}) needs x of {batch * cols} floats (got {xLength}) and y of at least {batch * rows} (got {yLength})");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BufferTooShort(string name) =>
        throw new ArgumentException("Buffer is shorter than the transform requires.", name);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void LengthMismatch() => throw new ArgumentException("the two spans must have the same length.");
}
