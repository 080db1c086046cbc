using System.Numerics.Tensors;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Engine.Model;

/// <summary>
/// y = act(W·x + b) with float32 weights, batch 1: one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// per output row (SIMD inside). Allocation-free per call. The reference path that quantized kernels are compared with.
/// </summary>
public sealed class DenseLayerFp32
{
    private readonly float[] _w;
    private readonly float[] _b;

    public DenseLayerFp32(RtmLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        (_w, _b) = layer.DecodeFp32();
        In = layer.In;
        Out = layer.Out;
        Activation = layer.Activation;
    }

    public int In { get; }

    public int Out { get; }

    public Activation Activation { get; }

    /// <summary>Affine map and activation (the output layer's sigmoid is left to the caller as a linear logit).</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        int n = In;
        ReadOnlySpan<float> w = _w;
        for (int o = 0; o < Out; o++)
        {
            y[o] = TensorPrimitives.Dot(w.Slice(o * n, n), x[..n]) + _b[o];
        }

        if (Activation == Activation.Relu)
        {
            TensorPrimitives.Max(y[..Out], 0f, y[..Out]);
        }
    }
}
