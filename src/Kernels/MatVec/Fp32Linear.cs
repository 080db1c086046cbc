using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// <c>y = act(W·x + b)</c> with float weights (the unquantized reference layer), weights copied once into
/// 64-byte aligned native memory with rows padded to 16 floats.
/// </summary>
/// <remarks>
/// Paths: scalar (sequential sum, the specification), Vector128 (multiply + add), AVX2 (FMA, four 8-wide
/// accumulators), AVX-512 (FMA, four 16-wide accumulators), NEON (fmla, four 4-wide accumulators). Paths sum
/// in different orders, so results differ by rounding only: for any two paths
/// |y₁ − y₂| ≤ 2·K·2^−24·Σ|w·x| (twice the classic γ_K bound of a K-term float dot product, Higham §3.1) —
/// the tolerance the tests enforce. Zero allocations per call; not thread-safe.
/// </remarks>
public sealed unsafe class Fp32Linear : IDisposable
{
    private readonly AlignedBuffer _w;
    private readonly AlignedBuffer _x;
    private readonly float[] _bias;
    private readonly int _stride;

    public Fp32Linear(ReadOnlySpan<float> weights, int rows, int cols, ReadOnlySpan<float> bias, Activation activation)
    {
        if (rows < 1 || cols < 1 || weights.Length != (long)rows * cols || bias.Length != rows)
        {
            throw new ArgumentException($"fp32 layer {rows}x{cols}: got {weights.Length} weights and {bias.Length} biases");
        }

        Rows = rows;
        Cols = cols;
        Activation = activation;
        _stride = (cols + 15) & ~15;
        _w = new AlignedBuffer((long)rows * _stride * sizeof(float));
        _x = new AlignedBuffer((long)_stride * sizeof(float));
        float* w = (float*)_w.Pointer;
        for (int r = 0; r < rows; r++)
        {
            weights.Slice(r * cols, cols).CopyTo(new Span<float>(w + ((long)r * _stride), cols));
        }

        _bias = bias.ToArray();
    }

    public int Rows { get; }

    public int Cols { get; }

    public Activation Activation { get; }

    public long NativeBytes => _w.Length + _x.Length;

    public void Forward(ReadOnlySpan<float> x, Span<float> y) => Forward(x, y, 1, KernelDispatch.Selected);

    public void Forward(ReadOnlySpan<float> x, Span<float> y, int batch) => Forward(x, y, batch, KernelDispatch.Selected);

    /// <summary>Runs one named path; throws <see cref="PlatformNotSupportedException"/> if the CPU lacks it.</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> y, int batch, KernelPath path)
    {
        if (batch < 1 || x.Length != batch * Cols || y.Length < batch * Rows)
        {
            ThrowHelper.LayerShape("fp32", Rows, Cols, 0, batch, x.Length, y.Length);
        }

        if (!KernelDispatch.IsSupported(path))
        {
            ThrowHelper.UnsupportedPath(path);
        }

        bool added = false;
        _w.DangerousAddRef(ref added);
        try
        {
            float* xp = (float*)_x.Pointer;
            for (int f = 0; f < batch; f++)
            {
                x.Slice(f * Cols, Cols).CopyTo(new Span<float>(xp, Cols));
                for (int r = 0; r < Rows; r++)
                {
                    float* w = (float*)_w.Pointer + ((long)r * _stride);
                    float dot = path switch
                    {
                        KernelPath.Avx512 => DotAvx512(w, xp, _stride),
                        KernelPath.Avx2 => DotAvx2(w, xp, _stride),
                        KernelPath.Neon => DotNeon(w, xp, _stride),
                        KernelPath.Vector128 => DotVector128(w, xp, _stride),
                        _ => DotScalar(w, xp, Cols),
                    };
                    float v = dot + _bias[r];
                    y[(f * Rows) + r] = Activation switch
                    {
                        Activation.Relu => MathF.Max(v, 0f),
                        Activation.Sigmoid => 1f / (1f + MathF.Exp(-v)),
                        _ => v,
                    };
                }
            }
        }
        finally
        {
            if (added)
            {
                _w.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        _w.Dispose();
        _x.Dispose();
    }

    internal static float DotScalar(float* w, float* x, int n)
    {
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s += w[i] * x[i];
        }

        return s;
    }

    // n is a multiple of 16 (padded with zero weights); the vector paths need no tail.
    internal static float DotVector128(float* w, float* x, int n)
    {
        Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int i = 0; i < n; i += 16)
        {
            a0 += Vector128.Load(w + i) * Vector128.Load(x + i);
            a1 += Vector128.Load(w + i + 4) * Vector128.Load(x + i + 4);
            a2 += Vector128.Load(w + i + 8) * Vector128.Load(x + i + 8);
            a3 += Vector128.Load(w + i + 12) * Vector128.Load(x + i + 12);
        }

        return Vector128.Sum((a0 + a1) + (a2 + a3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float DotAvx2(float* w, float* x, int n)
    {
        if (!Fma.IsSupported)
        {
            return DotVector128(w, x, n);
        }

        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int i = 0;
        for (; i + 32 <= n; i += 32)
        {
            a0 = Fma.MultiplyAdd(Avx.LoadAlignedVector256(w + i), Avx.LoadVector256(x + i), a0);
            a1 = Fma.MultiplyAdd(Avx.LoadAlignedVector256(w + i + 8), Avx.LoadVector256(x + i + 8), a1);
            a2 = Fma.MultiplyAdd(Avx.LoadAlignedVector256(w + i + 16), Avx.LoadVector256(x + i + 16), a2);
            a3 = Fma.MultiplyAdd(Avx.LoadAlignedVector256(w + i + 24), Avx.LoadVector256(x + i + 24), a3);
        }

        for (; i < n; i += 8)
        {
            a0 = Fma.MultiplyAdd(Avx.LoadVector256(w + i), Avx.LoadVector256(x + i), a0);
        }

        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>The 4-accumulator Vector512 loop (also the benchmark's fp32 baseline).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float DotAvx512(float* w, float* x, int n)
    {
        if (!Avx512F.IsSupported)
        {
            return DotAvx2(w, x, n);
        }

        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int i = 0;
        for (; i + 64 <= n; i += 64)
        {
            a0 = Avx512F.FusedMultiplyAdd(Vector512.LoadAligned(w + i), Vector512.Load(x + i), a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.LoadAligned(w + i + 16), Vector512.Load(x + i + 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.LoadAligned(w + i + 32), Vector512.Load(x + i + 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.LoadAligned(w + i + 48), Vector512.Load(x + i + 48), a3);
        }

        for (; i < n; i += 16)
        {
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Load(w + i), Vector512.Load(x + i), a0);
        }

        return Vector512.Sum((a0 + a1) + (a2 + a3));
    }

    internal static float DotNeon(float* w, float* x, int n)
    {
        if (!AdvSimd.IsSupported)
        {
            return DotVector128(w, x, n);
        }

        Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int i = 0; i < n; i += 16)
        {
            a0 = AdvSimd.FusedMultiplyAdd(a0, AdvSimd.LoadVector128(w + i), AdvSimd.LoadVector128(x + i));
            a1 = AdvSimd.FusedMultiplyAdd(a1, AdvSimd.LoadVector128(w + i + 4), AdvSimd.LoadVector128(x + i + 4));
            a2 = AdvSimd.FusedMultiplyAdd(a2, AdvSimd.LoadVector128(w + i + 8), AdvSimd.LoadVector128(x + i + 8));
            a3 = AdvSimd.FusedMultiplyAdd(a3, AdvSimd.LoadVector128(w + i + 12), AdvSimd.LoadVector128(x + i + 12));
        }

        return Vector128.Sum((a0 + a1) + (a2 + a3));
    }
}
