using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Training.Nn;

/// <summary>
/// Straight-through-estimator fake quantization for quantization-aware fine-tuning (Bengio, Léonard &amp; Courville,
/// 2013, "Estimating or propagating gradients through stochastic neurons"; Courbariaux et al., 2015, BinaryConnect).
/// The network's float weights are the <i>shadow</i> weights; for each step:
/// <code>
///   Apply:   shadow ← W;  W ← decode(encode(shadow))      forward and back-propagation see the quantized W
///   Restore: W ← shadow;  dW[i] ← 0 where shadow[i] lies outside the grid's range   (STE: ∂ŵ/∂w = 1 inside, 0 outside)
///            then the optimiser updates the float shadow weights with the straight-through gradient
/// </code>
/// The encoder is exactly <see cref="Quantizer.Quantize"/>, the one <c>rtdenoise quantize</c> writes models with, and
/// it is re-run on every <see cref="Apply"/>: its grid (F and shift table, scales, codebook) is chosen from the
/// current weights, so re-fitting it each step keeps the forward pass identical to what the final re-quantization
/// will produce. Layers whose format is fp32 pass through unchanged (plain float fine-tuning).
/// </summary>
public sealed class FakeQuantizer
{
    private readonly WeightFormat[] _formats;
    private readonly float[][] _shadow;
    private readonly bool[][] _outside;
    private bool _applied;

    public FakeQuantizer(Mlp net, IReadOnlyList<WeightFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(formats);
        if (formats.Count != net.LayerCount)
        {
            throw new ArgumentException($"{formats.Count} formats for {net.LayerCount} layers", nameof(formats));
        }

        _formats = [.. formats];
        _shadow = net.W.Select(w => new float[w.Length]).ToArray();
        _outside = net.W.Select(w => new bool[w.Length]).ToArray();
    }

    public IReadOnlyList<WeightFormat> Formats => _formats;

    /// <summary>Fraction of quantized weights whose gradient the last <see cref="Apply"/> masked (outside the grid).</summary>
    public double SaturatedFraction { get; private set; }

    /// <summary>Saves the float weights and replaces each quantized layer's weights by their decoded codes.</summary>
    public void Apply(Mlp net)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (_applied)
        {
            throw new InvalidOperationException("Apply called twice without Restore");
        }

        long outside = 0, total = 0;
        for (int l = 0; l < net.LayerCount; l++)
        {
            if (_formats[l].Kind == WeightFormatKind.Fp32)
            {
                continue;
            }

            float[] w = net.W[l];
            w.CopyTo(_shadow[l], 0);
            QuantizedMatrix q = Quantizer.Quantize(_shadow[l], net.Sizes[l + 1], net.Sizes[l], _formats[l]);
            q.Decode(w);
            outside += MarkOutside(q, _shadow[l], _outside[l]);
            total += w.Length;
        }

        SaturatedFraction = total > 0 ? (double)outside / total : 0;
        _applied = true;
    }

    /// <summary>Puts the float shadow weights back; with <paramref name="maskGradients"/> zeroes the gradient of
    /// every weight the grid could not represent (the clipped STE), so saturated weights are not pushed further out.</summary>
    public void Restore(Mlp net, bool maskGradients)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (!_applied)
        {
            throw new InvalidOperationException("Restore without Apply");
        }

        for (int l = 0; l < net.LayerCount; l++)
        {
            if (_formats[l].Kind == WeightFormatKind.Fp32)
            {
                continue;
            }

            _shadow[l].CopyTo(net.W[l], 0);
            if (maskGradients)
            {
                float[] g = net.GW[l];
                bool[] o = _outside[l];
                for (int i = 0; i < g.Length; i++)
                {
                    if (o[i])
                    {
                        g[i] = 0f;
                    }
                }
            }
        }

        _applied = false;
    }

    /// <summary>decode(encode(w)) with the quantizer <c>rtdenoise quantize</c> uses: the STE forward weights.</summary>
    public static void FakeQuantize(ReadOnlySpan<float> w, int rows, int cols, WeightFormat format, Span<float> decoded)
    {
        if (format.Kind == WeightFormatKind.Fp32)
        {
            w.CopyTo(decoded);
            return;
        }

        Quantizer.Quantize(w, rows, cols, format).Decode(decoded);
    }

    /// <summary>Marks weights above the largest or below the smallest level of their (row, segment) grid.</summary>
    private static long MarkOutside(QuantizedMatrix q, float[] w, bool[] outside)
    {
        int levels = 1 << q.Bits;
        ReadOnlySpan<sbyte> table = q.Levels;
        ReadOnlySpan<float> scales = q.Scales;
        long count = 0;
        for (int r = 0; r < q.Rows; r++)
        {
            for (int seg = 0; seg < q.SegmentsPerRow; seg++)
            {
                ReadOnlySpan<sbyte> lv = table.Slice(q.TableIndex(r, seg) * levels, levels);
                int lo = int.MaxValue, hi = int.MinValue;
                foreach (sbyte v in lv)
                {
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }

                float scale = scales[(r * q.SegmentsPerRow) + seg];
                float min = lo * scale, max = hi * scale;
                int c0 = seg * q.SegmentLength, c1 = Math.Min(q.Cols, c0 + q.SegmentLength);
                for (int c = c0; c < c1; c++)
                {
                    int i = (r * q.Cols) + c;
                    bool o = w[i] > max || w[i] < min;
                    outside[i] = o;
                    count += o ? 1 : 0;
                }
            }
        }

        return count;
    }
}
