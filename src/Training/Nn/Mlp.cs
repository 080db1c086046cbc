namespace RtDenoise.Training.Nn;

/// <summary>
/// Fully connected network for training: hidden layers with ReLU (and inverted dropout), a linear output layer
/// whose logits go to the loss. Mini-batch forward and back-propagation with <see cref="Gemm"/>; parameters and
/// gradients live in flat arrays per layer (W row-major out×in, b).
/// </summary>
public sealed class Mlp
{
    private readonly int[] _sizes;
    private float[][] _acts = [];     // _acts[l]: batch × in_l (input of layer l, after ReLU and dropout)
    private float[][] _masks = [];    // dropout multipliers of hidden outputs (batch × out_l), 0 or 1/(1−p)
    private float[] _scratchT = [];
    private float[] _scratchT2 = [];
    private float[] _grad = [];
    private int _batchCap;

    public Mlp(int[] sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length < 2)
        {
            throw new ArgumentException("need at least input and output sizes.");
        }

        _sizes = (int[])sizes.Clone();
        int layers = sizes.Length - 1;
        W = new float[layers][];
        B = new float[layers][];
        GW = new float[layers][];
        GB = new float[layers][];
        var rng = new Random(seed);
        for (int l = 0; l < layers; l++)
        {
            int fanIn = sizes[l], fanOut = sizes[l + 1];
            W[l] = new float[fanIn * fanOut];
            B[l] = new float[fanOut];
            GW[l] = new float[fanIn * fanOut];
            GB[l] = new float[fanOut];

            // He initialisation for ReLU layers (He et al., 2015); the output layer gets a smaller Glorot-style scale.
            double std = l < layers - 1 ? Math.Sqrt(2.0 / fanIn) : Math.Sqrt(1.0 / (fanIn + fanOut));
            for (int i = 0; i < W[l].Length; i++)
            {
                W[l][i] = (float)(std * Mixing.Dsp.Gaussian(rng));
            }
        }
    }

    public IReadOnlyList<int> Sizes => _sizes;

    public int LayerCount => _sizes.Length - 1;

    public float[][] W { get; }

    public float[][] B { get; }

    public float[][] GW { get; }

    public float[][] GB { get; }

    public int Inputs => _sizes[0];

    public int Outputs => _sizes[^1];

    public long ParameterCount => Enumerable.Range(0, LayerCount).Sum(l => (long)W[l].Length + B[l].Length);

    /// <summary>
    /// Forward pass over <paramref name="batch"/> rows of <paramref name="x"/>; returns the logits (batch × out),
    /// valid until the next call. <paramref name="dropout"/> &gt; 0 needs <paramref name="rng"/> (training mode).
    /// </summary>
    public float[] Forward(float[] x, int batch, float dropout = 0f, Random? rng = null)
    {
        Ensure(batch);
        Array.Copy(x, _acts[0], batch * Inputs);
        for (int l = 0; l < LayerCount; l++)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            float[] outBuf = _acts[l + 1];
            Gemm.MulNT(_acts[l], batch, nIn, W[l], nOut, outBuf);
            float[] bias = B[l];
            bool hidden = l < LayerCount - 1;
            float[] mask = _masks[l + 1];
            float keep = 1f / (1f - dropout);
            for (int r = 0; r < batch; r++)
            {
                int o = r * nOut;
                for (int j = 0; j < nOut; j++)
                {
                    float v = outBuf[o + j] + bias[j];
                    if (hidden)
                    {
                        v = v > 0 ? v : 0;
                        if (dropout > 0)
                        {
                            float m = rng!.NextSingle() < dropout ? 0f : keep;
                            mask[o + j] = m;
                            v *= m;
                        }
                        else
                        {
                            mask[o + j] = 1f;
                        }
                    }

                    outBuf[o + j] = v;
                }
            }
        }

        return _acts[LayerCount];
    }

    /// <summary>Back-propagates d(loss)/d(logits) (batch × out) from the last <see cref="Forward"/> into
    /// <see cref="GW"/>/<see cref="GB"/> (overwritten).</summary>
    public void Backward(float[] dLogits, int batch)
    {
        float[] dz = _grad;
        Array.Copy(dLogits, dz, batch * Outputs);
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];

            // dW = dZᵀ·A  ==  (dZᵀ)·(Aᵀ)ᵀ : both transposed so rows are contiguous over the batch.
            Gemm.Transpose(dz, batch, nOut, _scratchT);
            Gemm.Transpose(_acts[l], batch, nIn, _scratchT2);
            Gemm.MulNT(_scratchT, nOut, batch, _scratchT2, nIn, GW[l]);
            for (int j = 0; j < nOut; j++)
            {
                double s = 0;
                for (int r = 0; r < batch; r++)
                {
                    s += _scratchT[(j * batch) + r];
                }

                GB[l][j] = (float)s;
            }

            if (l == 0)
            {
                break;
            }

            // dA = dZ·W  ==  dZ·(Wᵀ)ᵀ ; then through dropout and ReLU of layer l−1's output.
            Gemm.Transpose(W[l], nOut, nIn, _scratchT2);
            float[] next = _scratchT;
            Gemm.MulNT(dz, batch, nOut, _scratchT2, nIn, next);
            float[] act = _acts[l], mask = _masks[l];
            for (int i = 0; i < batch * nIn; i++)
            {
                dz[i] = act[i] > 0 ? next[i] * mask[i] : 0f;
            }
        }
    }

    private void Ensure(int batch)
    {
        if (batch <= _batchCap)
        {
            return;
        }

        _batchCap = batch;
        int widest = _sizes.Max();
        _acts = _sizes.Select(s => new float[batch * s]).ToArray();
        _masks = _sizes.Select(s => new float[batch * s]).ToArray();
        _scratchT = new float[batch * widest];
        _scratchT2 = new float[Math.Max(batch, widest) * widest];
        _grad = new float[batch * widest];
    }
}
