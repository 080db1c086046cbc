namespace RtDenoise.ModelFormat.Quantization;

/// <summary>
/// fixed&lt;b&gt;: uniform symmetric fixed point with one fractional length F per layer (Qm.F):
/// value = q · 2^−F, q ∈ [−(2^(b−1)−1), 2^(b−1)−1].
/// </summary>
/// <remarks>
/// <para>Code layout, b bits, two's complement (b = 4 shown): <c>[q3 q2 q1 q0]</c>, q = −7..7; the pattern
/// 1000 (−8) is never produced and rejected on read, so the range is symmetric and equals vbs with s = 0.</para>
/// <para>F: the textbook rule takes the F at which the largest magnitude just fits (F0). We evaluate F0..F0+3
/// and keep the one with the least squared error, i.e. we may saturate a few outliers when that lowers the
/// total error. Rounding: to nearest, ties to the smaller magnitude.</para>
/// </remarks>
internal static class FixedPointQuantizer
{
    public static QuantizedMatrix Quantize(ReadOnlySpan<float> w, int rows, int cols, int bits)
    {
        int qmax = (1 << (bits - 1)) - 1;
        float maxAbs = MaxAbs(w);
        int bestF = 0;
        if (maxAbs > 0)
        {
            int f0 = FitF(maxAbs, qmax);
            double bestErr = double.PositiveInfinity;
            for (int f = f0; f <= f0 + 3 && f <= QuantizedMatrix.MaxFractionalLength; f++)
            {
                double err = 0;
                foreach (float x in w)
                {
                    double d = x - Value(x, f, qmax);
                    err += d * d;
                }

                if (err < bestErr)
                {
                    bestErr = err;
                    bestF = f;
                }
            }
        }

        var codes = new byte[w.Length];
        int mask = (1 << bits) - 1;
        for (int i = 0; i < w.Length; i++)
        {
            codes[i] = (byte)(Level(w[i], bestF, qmax) & mask);
        }

        return QuantizedMatrix.CreateFixed(rows, cols, bits, bestF, codes);
    }

    /// <summary>Largest F with maxAbs ≤ qmax · 2^−F (clamped to the allowed range).</summary>
    internal static int FitF(float maxAbs, int qmax)
    {
        int f = (int)Math.Floor(Math.Log2(qmax / (double)maxAbs));
        while (qmax * Math.ScaleB(1.0, -f) < maxAbs)
        {
            f--;
        }

        while (qmax * Math.ScaleB(1.0, -(f + 1)) >= maxAbs)
        {
            f++;
        }

        return Math.Clamp(f, -QuantizedMatrix.MaxFractionalLength, QuantizedMatrix.MaxFractionalLength);
    }

    internal static float MaxAbs(ReadOnlySpan<float> w)
    {
        float m = 0;
        foreach (float x in w)
        {
            if (!float.IsFinite(x))
            {
                throw new ArgumentException("weights contain NaN or infinity", nameof(w));
            }

            m = MathF.Max(m, MathF.Abs(x));
        }

        return m;
    }

    private static int Level(float x, int f, int qmax)
    {
        double a = Math.ScaleB((double)Math.Abs(x), f);
        int q = a >= qmax ? qmax : (int)Math.Ceiling(a - 0.5);
        return x < 0 ? -q : q;
    }

    private static float Value(float x, int f, int qmax) => MathF.ScaleB(Level(x, f, qmax), -f);
}
