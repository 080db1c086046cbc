namespace RtDenoise.ModelFormat.Quantization;

/// <summary>
/// lut&lt;b&gt;: a codebook of 2^b levels per layer or per row, fitted by 1-D k-means (Lloyd-Max; Han et al.,
/// "Deep Compression", ICLR 2016), value = codebook[code].
/// </summary>
/// <remarks>
/// <para>Code layout: b-bit unsigned index into the codebook (b = 3: <c>[i2 i1 i0]</c>). The codebook itself is
/// stored as int8 levels times one float scale (level ∈ −127..127, scale = max|centroid| / 127), so the kernels
/// decode codes to int8 through the table like every other format; the rounding of the centroids to that grid
/// costs at most scale/2 per level, far below the b ≤ 8-bit code error.</para>
/// <para>Fit: centroids start at the (i + ½)/2^b quantiles; 30 Lloyd iterations on the sorted weights (every
/// cluster is a contiguous range; its mean comes from prefix sums); then the grid rounding; then every weight
/// takes the nearest level (ties to the smaller value).</para>
/// </remarks>
internal static class LutQuantizer
{
    private const int Iterations = 30;

    public static QuantizedMatrix Quantize(ReadOnlySpan<float> w, int rows, int cols, WeightFormat format)
    {
        int levelsPerTable = 1 << format.Bits;
        int tables = format.PerRow ? rows : 1;
        int len = format.PerRow ? cols : w.Length;
        var scales = new float[tables];
        var levels = new sbyte[tables * levelsPerTable];
        var codes = new byte[w.Length];
        var sorted = new float[len];
        var prefix = new double[len + 1];
        var centroids = new double[levelsPerTable];
        var ends = new int[levelsPerTable];
        var grid = new NearestLevel(levelsPerTable);
        Span<float> values = stackalloc float[levelsPerTable];
        Span<byte> idx = stackalloc byte[levelsPerTable];
        for (int t = 0; t < tables; t++)
        {
            ReadOnlySpan<float> data = w.Slice(t * len, len);
            FixedPointQuantizer.MaxAbs(data);
            data.CopyTo(sorted);
            Array.Sort(sorted);
            for (int i = 0; i < len; i++)
            {
                prefix[i + 1] = prefix[i] + sorted[i];
            }

            for (int k = 0; k < levelsPerTable; k++)
            {
                centroids[k] = sorted[Math.Min(len - 1, (int)((k + 0.5) * len / levelsPerTable))];
            }

            for (int it = 0; it < Iterations; it++)
            {
                // Boundaries from the current centroids first (midpoints), then the new means.
                for (int k = 0; k < levelsPerTable; k++)
                {
                    ends[k] = k == levelsPerTable - 1 ? len : UpperBound(sorted, (centroids[k] + centroids[k + 1]) / 2);
                }

                int start = 0;
                for (int k = 0; k < levelsPerTable; k++)
                {
                    int end = Math.Max(ends[k], start);
                    if (end > start)
                    {
                        centroids[k] = (prefix[end] - prefix[start]) / (end - start);
                    }

                    start = end;
                }

                Array.Sort(centroids);
            }

            double maxC = 0;
            foreach (double c in centroids)
            {
                maxC = Math.Max(maxC, Math.Abs(c));
            }

            float scale = (float)(maxC / 127);
            scales[t] = scale;
            for (int k = 0; k < levelsPerTable; k++)
            {
                int level = scale == 0 ? 0 : Math.Clamp((int)Math.Round(centroids[k] / scale), -127, 127);
                levels[(t * levelsPerTable) + k] = (sbyte)level;
                values[k] = level * scale;
                idx[k] = (byte)k;
            }

            grid.Set(values, idx);
            for (int i = 0; i < len; i++)
            {
                codes[(t * len) + i] = grid.Code(grid.Nearest(data[i]));
            }
        }

        return QuantizedMatrix.CreateLut(rows, cols, format, scales, levels, codes);
    }

    /// <summary>First index whose value exceeds x.</summary>
    private static int UpperBound(float[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
