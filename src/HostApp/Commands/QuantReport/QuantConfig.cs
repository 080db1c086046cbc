using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.HostApp.Commands.QuantReport;

/// <summary>
/// One point of the memory-vs-quality sweep: a weight format per layer. <see cref="Family"/> groups the uniform
/// configurations into curves (fixed, vbs, int, lut, and their variants); mixed per-layer assignments form their own.
/// </summary>
public sealed record QuantConfig(string Label, string Family, int? Bits, IReadOnlyList<WeightFormat> Formats)
{
    public bool IsFloat => Formats.All(f => f.Kind == WeightFormatKind.Fp32);

    public static QuantConfig Uniform(string format, int layers)
    {
        WeightFormat f = WeightFormat.Parse(format);
        string family = f.Kind switch
        {
            WeightFormatKind.Fixed => "fixed",
            WeightFormatKind.Vbs => f.Group > 0 ? $"vbs g{f.Group}" : "vbs",
            WeightFormatKind.Int => f.Group > 0 ? $"int b{f.Group}" : "int (per row)",
            WeightFormatKind.Lut => f.PerRow ? "lut (per row)" : "lut",
            _ => "fp32",
        };
        return new QuantConfig(format, family, f.Kind == WeightFormatKind.Fp32 ? null : f.Bits, [.. Enumerable.Repeat(f, layers)]);
    }

    public static QuantConfig Mixed(string perLayer) =>
        new(perLayer, "mixed", null, [.. perLayer.Split(',', StringSplitOptions.TrimEntries).Select(WeightFormat.Parse)]);

    /// <summary>The default sweep: fp32; fixed/vbs/int/lut at 2, 3, 4, 6, 8 bits; grouped/per-row variants at 3–4
    /// bits; and per-layer mixes that keep the big first layers at 4 bits and the output layer at 3 (the way to get
    /// under 4.0 bits/weight with float32 biases counted).</summary>
    public static IReadOnlyList<QuantConfig> DefaultSweep(int layers)
    {
        List<QuantConfig> list = [Uniform("fp32", layers)];
        foreach (string kind in new[] { "fixed", "vbs", "int", "lut" })
        {
            foreach (int b in new[] { 2, 3, 4, 6, 8 })
            {
                list.Add(Uniform($"{kind}{b}", layers));
            }
        }

        // vbs<b> lets the quantizer pick the shift-code bits s (it picks s = 0, i.e. fixed point, when that has the
        // least error); the s-forced variants show what the virtual bit shift itself does.
        foreach (string f in new[] { "vbs3s1", "vbs4s1", "vbs4s2", "vbs3g64", "vbs4g64", "vbs3s1g64", "vbs4s2g64", "int3b64", "int4b64", "lut3r", "lut4r" })
        {
            list.Add(Uniform(f, layers));
        }

        if (layers == 3)
        {
            foreach (string m in new[] { "vbs4,vbs4,vbs3", "int4,int4,int3", "lut4,lut4,lut3", "lut4,lut3,lut4", "lut3,lut4,lut4", "lut4,lut3,lut3", "vbs4,lut3,lut3", "lut3,lut3,lut2", "lut2,lut3,lut3" })
            {
                list.Add(Mixed(m));
            }
        }

        return list;
    }
}
