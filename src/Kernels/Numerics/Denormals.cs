using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RtDenoise.Kernels.Numerics;

/// <summary>
/// Flush-to-zero by hand for state that decays geometrically (overlap-add tails, recursive smoothers, IIR
/// states). Once such a value drops below float's normal range (≈1.18e-38) every operation on it takes a
/// microcode assist on x86 (tens to a hundred cycles instead of one), so a long silence after a sound slowly
/// turns a real-time hop into a deadline miss. Hardware FTZ/DAZ (MXCSR bits 15 and 6) would do this for free, but
/// .NET exposes no way to set MXCSR (no intrinsic, no runtime switch) and the setting would be per thread and leak
/// into code that does not expect it; so state is flushed explicitly, at a threshold (1e-30, ≈ −600 dBFS) far below
/// anything audible and far above the subnormal range, so products of two flushed-range values cannot land there.
/// </summary>
public static class Denormals
{
    /// <summary>Magnitudes below this are set to zero.</summary>
    public const float Threshold = 1e-30f;

    /// <summary><paramref name="x"/>, or 0 if |x| &lt; <see cref="Threshold"/> (NaN passes through).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float x) => MathF.Abs(x) < Threshold ? 0f : x;

    /// <summary>Flushes every element in place (vectorised; allocation-free).</summary>
    public static void Flush(Span<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var threshold = new Vector<float>(Threshold);
            Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int v = 0; v < vectors.Length; v++)
            {
                Vector<float> x = vectors[v];
                vectors[v] = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(x), threshold), Vector<float>.Zero, x);
            }

            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < values.Length; i++)
        {
            values[i] = Flush(values[i]);
        }
    }
}
