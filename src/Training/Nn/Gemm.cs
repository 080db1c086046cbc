using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RtDenoise.Training.Nn;

/// <summary>
/// The one matrix product training needs, C = A·Bᵀ (A is m×k, B is n×k, row-major), on all cores. Forward
/// (X·Wᵀ), input gradient (dZ·(Wᵀ)ᵀ) and weight gradient (dZᵀ·(Xᵀ)ᵀ) are all this shape after a transpose, so
/// both operands are read along contiguous rows. Each C element is one sequential dot product computed by exactly
/// one thread, so results do not depend on the thread count or scheduling (deterministic training).
/// </summary>
public static class Gemm
{
    private const int TileN = 32;

    public static int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>C[m×n] = A[m×k]·B[n×k]ᵀ (+ C if <paramref name="accumulate"/>).</summary>
    public static void MulNT(float[] a, int m, int k, float[] b, int n, float[] c, bool accumulate = false)
    {
        if (a.Length < m * k || b.Length < n * k || c.Length < m * n)
        {
            throw new ArgumentException("matrix buffers are smaller than the given shapes.");
        }

        int chunks = Math.Min(Math.Max(Threads, 1) * 4, Math.Max(m, 1));
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(Threads, 1) }, ch =>
        {
            int r0 = (int)((long)m * ch / chunks), r1 = (int)((long)m * (ch + 1) / chunks);
            for (int j0 = 0; j0 < n; j0 += TileN)
            {
                int j1 = Math.Min(n, j0 + TileN);
                for (int i = r0; i < r1; i++)
                {
                    ReadOnlySpan<float> ai = a.AsSpan(i * k, k);
                    Span<float> ci = c.AsSpan(i * n, n);
                    int j = j0;
                    for (; j + 4 <= j1; j += 4)
                    {
                        Dot4(ai, b.AsSpan(j * k, 4 * k), k, out float s0, out float s1, out float s2, out float s3);
                        if (accumulate)
                        {
                            ci[j] += s0;
                            ci[j + 1] += s1;
                            ci[j + 2] += s2;
                            ci[j + 3] += s3;
                        }
                        else
                        {
                            ci[j] = s0;
                            ci[j + 1] = s1;
                            ci[j + 2] = s2;
                            ci[j + 3] = s3;
                        }
                    }

                    for (; j < j1; j++)
                    {
                        float s = Dot(ai, b.AsSpan(j * k, k));
                        ci[j] = accumulate ? ci[j] + s : s;
                    }
                }
            }
        });
    }

    /// <summary>dst[cols×rows] = src[rows×cols]ᵀ.</summary>
    public static void Transpose(float[] src, int rows, int cols, float[] dst)
    {
        const int T = 32;
        for (int i0 = 0; i0 < rows; i0 += T)
        {
            for (int j0 = 0; j0 < cols; j0 += T)
            {
                int i1 = Math.Min(rows, i0 + T), j1 = Math.Min(cols, j0 + T);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < j1; j++)
                    {
                        dst[(j * rows) + i] = src[(i * cols) + j];
                    }
                }
            }
        }
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int k = a.Length, i = 0;
        var acc = Vector<float>.Zero;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        for (; i + Vector<float>.Count <= k; i += Vector<float>.Count)
        {
            acc += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
        }

        float s = Vector.Sum(acc);
        for (; i < k; i++)
        {
            s += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }

        return s;
    }

    /// <summary>Four dot products of one row of A with four consecutive rows of B (each A load reused 4×).</summary>
    private static void Dot4(ReadOnlySpan<float> a, ReadOnlySpan<float> b4, int k, out float s0, out float s1,
        out float s2, out float s3)
    {
        var v0 = Vector<float>.Zero;
        var v1 = Vector<float>.Zero;
        var v2 = Vector<float>.Zero;
        var v3 = Vector<float>.Zero;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b4);
        int i = 0, w = Vector<float>.Count;
        for (; i + w <= k; i += w)
        {
            Vector<float> x = Vector.LoadUnsafe(ref ra, (nuint)i);
            v0 += x * Vector.LoadUnsafe(ref rb, (nuint)i);
            v1 += x * Vector.LoadUnsafe(ref rb, (nuint)(k + i));
            v2 += x * Vector.LoadUnsafe(ref rb, (nuint)((2 * k) + i));
            v3 += x * Vector.LoadUnsafe(ref rb, (nuint)((3 * k) + i));
        }

        s0 = Vector.Sum(v0);
        s1 = Vector.Sum(v1);
        s2 = Vector.Sum(v2);
        s3 = Vector.Sum(v3);
        for (; i < k; i++)
        {
            float x = Unsafe.Add(ref ra, i);
            s0 += x * Unsafe.Add(ref rb, i);
            s1 += x * Unsafe.Add(ref rb, k + i);
            s2 += x * Unsafe.Add(ref rb, (2 * k) + i);
            s3 += x * Unsafe.Add(ref rb, (3 * k) + i);
        }
    }
}
