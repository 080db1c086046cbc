using System.Numerics.Tensors;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// <c>y = act(W·x + b)</c> with float weights: the one fp32 layer (a model's unquantized layers, and the reference
/// that quantized kernels are compared with). One <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// per output row, then the bias, then the activation (<see cref="TensorPrimitives.Max(ReadOnlySpan{float}, float, Span{float})"/>
/// for ReLU, <see cref="TensorPrimitives.Sigmoid(ReadOnlySpan{float}, Span{float})"/>). Allocation-free per call; the
/// layer holds no scratch, so one instance may serve several threads.
/// </summary>
/// <remarks>
/// <para>Why no hand-written loops here, unlike the quantized kernels: a float dot product is exactly what
/// TensorPrimitives vectorises (Vector512/256/128, NEON on ARM64), and bit-unpacking, the reason those kernels exist,
/// does not arise. Per-ISA loops (4-accumulator FMA) can be up to 1.4× faster than TensorPrimitives at these shapes
/// (latency-bench/results/kernels.md), but they would change the float model's output bits, whereas TensorPrimitives
/// keeps them; and the shipped model is quantized, so fp32 is the reference, not the hot path.</para>
/// <para>TensorPrimitives picks its vector width from the CPU, so its summation order (and the last bits of a
/// result) may differ between an AVX-512 and an AVX2 machine: |y − y_exact| ≤ 2·K·2^−24·Σ|w·x| (twice the γ_K bound
/// of a K-term float dot product, Higham §3.1) is what tests may assume, never bit equality across machines.</para>
/// </remarks>
public sealed class Fp32Linear
{
    private readonly float[] _w;
    private readonly float[] _bias;

    public Fp32Linear(ReadOnlySpan<float> weights, int rows, int cols, ReadOnlySpan<float> bias, Activation activation)
    {
        if (rows < 1 || cols < 1 || weights.Length != (long)rows * cols || bias.Length != rows)
        {
            throw new ArgumentException($"fp32 layer {rows}x{cols}: got {weights.Length} weights and {bias.Length} biases");
        }

        Rows = rows;
        Cols = cols;
        Activation = activation;
        _w = weights.ToArray();
        _bias = bias.ToArray();
    }

    public int Rows { get; }

    public int Cols { get; }

    public Activation Activation { get; }

    /// <summary>Bytes of weights and biases held.</summary>
    public long WeightBytes => ((long)_w.Length + _bias.Length) * sizeof(float);

    public void Forward(ReadOnlySpan<float> x, Span<float> y) => Forward(x, y, 1);

    /// <summary><paramref name="batch"/> frames: x is batch × <see cref="Cols"/>, y at least batch × <see cref="Rows"/>.</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> y, int batch)
    {
        if (batch < 1 || x.Length != batch * Cols || y.Length < batch * Rows)
        {
            ThrowHelper.LayerShape("fp32", Rows, Cols, 0, batch, x.Length, y.Length);
        }

        ReadOnlySpan<float> w = _w;
        int n = Cols;
        for (int f = 0; f < batch; f++)
        {
            ReadOnlySpan<float> xf = x.Slice(f * n, n);
            Span<float> yf = y.Slice(f * Rows, Rows);
            for (int r = 0; r < yf.Length; r++)
            {
                yf[r] = TensorPrimitives.Dot(w.Slice(r * n, n), xf) + _bias[r];
            }

            switch (Activation)
            {
                case Activation.Relu:
                    TensorPrimitives.Max(yf, 0f, yf);
                    break;
                case Activation.Sigmoid:
                    TensorPrimitives.Sigmoid(yf, yf);
                    break;
            }
        }
    }
}
