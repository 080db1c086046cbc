namespace RtDenoise.ModelFormat.Quantization;

/// <summary>
/// vbs&lt;b&gt;: our reading of Nicodemo et al. (EUSIPCO 2020) non-uniform fixed point with a virtual bit shift
/// value = (−1)^sign · mag · 2^−(F + shift[code]).
/// </summary>
/// <remarks>
/// <para>Code layout, b bits, s shift-code bits, m = b − 1 − s magnitude bits (b = 4, s = 1 shown):</para>
/// <code>
///   bit  3      2          1   0
///      [sign | shift code | magnitude]      value = ±mag · 2^−(F + shift[shift code])
/// </code>
/// <para>shift[0] = 0 &lt; shift[1] &lt; … : small weights choose a larger virtual shift and get finer steps, large
/// weights keep coarse steps (a piecewise-uniform, A-law-like grid). s = 0 is fixed&lt;b&gt;. F and the shift table
/// belong to the layer, or to each group of G consecutive weights of a row (vbs&lt;b&gt;g&lt;G&gt;); s belongs to the
/// layer. The table is limited so every level is an int8: (2^m − 1) · 2^shift_max ≤ 127 (see
/// <see cref="QuantizedMatrix"/>), which lets the kernels decode codes to int8 through a table.</para>
/// <para>Search (exhaustive, minimum squared error): s ∈ {0..MaxVbsShiftBits(b)} (or the forced s) for the layer; for each
/// group every strictly increasing shift table within the int8 limit, and F ∈ F0..F0+3 where F0 makes the
/// largest magnitude fit the coarsest step. Ties keep the earlier candidate (smaller s, smaller F). Per
/// weight, the encoder picks the nearest representable value (ties to the smaller magnitude).</para>
/// </remarks>
internal static class VbsQuantizer
{
    public static QuantizedMatrix Quantize(ReadOnlySpan<float> w, int rows, int cols, WeightFormat format)
    {
        int b = format.Bits;
        int groups = QuantizedMatrix.VbsGroupCount(rows, cols, format.Group);
        int sLo = format.ShiftBits >= 0 ? format.ShiftBits : 0;
        int sHi = format.ShiftBits >= 0 ? format.ShiftBits : WeightFormat.MaxVbsShiftBits(b);
        var grid = new NearestLevel(1 << b);

        double bestTotal = double.PositiveInfinity;
        int bestS = sLo;
        sbyte[] bestF = new sbyte[groups];
        byte[] bestShifts = [];
        for (int s = sLo; s <= sHi; s++)
        {
            int n = 1 << s, m = b - 1 - s;
            List<byte[]> tables = Tables(s, m);
            if (tables.Count == 0)
            {
                continue;
            }

            var f = new sbyte[groups];
            var shifts = new byte[groups * n];
            double total = 0;
            for (int g = 0; g < groups; g++)
            {
                ReadOnlySpan<float> gw = GroupSpan(w, cols, format.Group, g);
                float maxAbs = FixedPointQuantizer.MaxAbs(gw);
                double bestErr = double.PositiveInfinity;
                if (maxAbs == 0)
                {
                    tables[0].CopyTo(shifts, g * n);
                    bestErr = 0;
                }
                else
                {
                    int f0 = FixedPointQuantizer.FitF(maxAbs, (1 << m) - 1);
                    foreach (byte[] table in tables)
                    {
                        for (int fc = f0; fc <= f0 + 3 && fc + table[n - 1] <= QuantizedMatrix.MaxFractionalLength; fc++)
                        {
                            SetGrid(grid, b, s, fc, table);
                            double err = 0;
                            foreach (float x in gw)
                            {
                                float a = MathF.Abs(x);
                                double d = a - grid.Value(grid.Nearest(a));
                                err += d * d;
                            }

                            if (err < bestErr)
                            {
                                bestErr = err;
                                f[g] = (sbyte)fc;
                                table.CopyTo(shifts, g * n);
                            }
                        }
                    }
                }

                total += bestErr;
            }

            if (total < bestTotal)
            {
                bestTotal = total;
                bestS = s;
                bestF = f;
                bestShifts = shifts;
            }
        }

        var codes = new byte[w.Length];
        int nn = 1 << bestS;
        for (int g = 0; g < groups; g++)
        {
            SetGrid(grid, b, bestS, bestF[g], bestShifts.AsSpan(g * nn, nn));
            int start = GroupStart(cols, format.Group, g);
            ReadOnlySpan<float> gw = GroupSpan(w, cols, format.Group, g);
            for (int i = 0; i < gw.Length; i++)
            {
                int idx = grid.Nearest(MathF.Abs(gw[i]));
                byte code = grid.Code(idx);
                if (gw[i] < 0 && grid.Value(idx) > 0)
                {
                    code |= (byte)(1 << (b - 1));
                }

                codes[start + i] = code;
            }
        }

        return QuantizedMatrix.CreateVbs(rows, cols, format, bestS, bestF, bestShifts, codes);
    }

    /// <summary>Every strictly increasing table shift[0] = 0 &lt; … ≤ shift_max that keeps levels within int8.</summary>
    internal static List<byte[]> Tables(int s, int m)
    {
        int n = 1 << s;
        int tmax = 0;
        while (QuantizedMatrix.VbsFitsInt8(m, tmax + 1))
        {
            tmax++;
        }

        var result = new List<byte[]>();
        var t = new byte[n];
        void Fill(int k)
        {
            if (k == n)
            {
                result.Add((byte[])t.Clone());
                return;
            }

            for (int v = t[k - 1] + 1; v <= tmax; v++)
            {
                t[k] = (byte)v;
                Fill(k + 1);
            }
        }

        if (n == 1)
        {
            result.Add([0]);
        }
        else
        {
            Fill(1);
        }

        return result;
    }

    private static void SetGrid(NearestLevel grid, int b, int s, int f, ReadOnlySpan<byte> table)
    {
        int m = b - 1 - s, count = 1 << (b - 1);
        Span<float> values = stackalloc float[count];
        Span<byte> codes = stackalloc byte[count];
        for (int code = 0; code < count; code++)
        {
            int mag = code & ((1 << m) - 1);
            values[code] = MathF.ScaleB(mag, -(f + table[code >> m]));
            codes[code] = (byte)code;
        }

        grid.Set(values, codes);
    }

    private static int GroupStart(int cols, int group, int g)
    {
        if (group == 0)
        {
            return 0;
        }

        int segs = QuantizedMatrix.SegmentCount(cols, group);
        return ((g / segs) * cols) + ((g % segs) * group);
    }

    private static ReadOnlySpan<float> GroupSpan(ReadOnlySpan<float> w, int cols, int group, int g)
    {
        if (group == 0)
        {
            return w;
        }

        int segs = QuantizedMatrix.SegmentCount(cols, group);
        int inRow = (g % segs) * group;
        return w.Slice(GroupStart(cols, group, g), Math.Min(group, cols - inRow));
    }
}
