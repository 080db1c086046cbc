namespace RtDenoise.ModelFormat.Quantization;

/// <summary>
/// int&lt;b&gt;: symmetric uniform integers with one float scale per row or per block of 32/64 weights of a row
/// (as ONNX Runtime, TFLite and ggml Q4_0/Q8_0): value = q · scale, q ∈ [−(2^(b−1)−1), 2^(b−1)−1].
/// </summary>
/// <remarks>
/// Code layout: q as b-bit two's complement (b = 3 shown: <c>[q2 q1 q0]</c>, q = −3..3; 100 is never used).
/// scale = max|w| / (2^(b−1)−1) over the row/block, so nothing saturates. q is the nearest level, checked
/// against both neighbours of round(w/scale) on the decoded values (ties to the smaller |q|).
/// </remarks>
internal static class IntQuantizer
{
    public static QuantizedMatrix Quantize(ReadOnlySpan<float> w, int rows, int cols, WeightFormat format)
    {
        int qmax = (1 << (format.Bits - 1)) - 1, mask = (1 << format.Bits) - 1;
        int segLen = format.Group == 0 ? cols : format.Group;
        int segs = QuantizedMatrix.SegmentCount(cols, format.Group);
        var scales = new float[rows * segs];
        var codes = new byte[w.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int s = 0; s < segs; s++)
            {
                int start = (r * cols) + (s * segLen), len = Math.Min(segLen, cols - (s * segLen));
                ReadOnlySpan<float> block = w.Slice(start, len);
                float scale = FixedPointQuantizer.MaxAbs(block) / qmax;
                scales[(r * segs) + s] = scale;
                if (scale == 0)
                {
                    continue;
                }

                for (int i = 0; i < len; i++)
                {
                    float x = block[i];
                    int q0 = (int)MathF.Round(x / scale);
                    int best = 0;
                    double bestErr = double.PositiveInfinity;
                    for (int q = Math.Max(-qmax, q0 - 1); q <= Math.Min(qmax, q0 + 1); q++)
                    {
                        double err = Math.Abs((double)x - (q * scale));
                        if (err < bestErr || (err == bestErr && Math.Abs(q) < Math.Abs(best)))
                        {
                            bestErr = err;
                            best = q;
                        }
                    }

                    codes[start + i] = (byte)(best & mask);
                }
            }
        }

        return QuantizedMatrix.CreateInt(rows, cols, format, scales, codes);
    }
}
