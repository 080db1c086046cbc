using System.Globalization;
using System.Text;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Commands.QuantReport;

/// <summary>Writes report.csv, report.md and memory-vs-stoi.png from measured rows (each file atomically).</summary>
public static class QuantReportWriter
{
    /// <summary>Nicodemo et al. (EUSIPCO 2020): −50% memory at −2.7% STOI.</summary>
    public const double PaperMemoryFraction = 0.5;

    public const double PaperStoiDropPercent = 2.7;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(string dir, IReadOnlyList<QuantReportRow> rows, string header)
    {
        Directory.CreateDirectory(dir);
        Atomic(Path.Combine(dir, "report.csv"), p => File.WriteAllText(p, Csv(rows)));
        Atomic(Path.Combine(dir, "report.md"), p => File.WriteAllText(p, Markdown(rows, header)));
        Atomic(Path.Combine(dir, "memory-vs-stoi.png"), p => MemoryVsStoiPlot.Save(p, rows));
    }

    public static string Csv(IReadOnlyList<QuantReportRow> rows)
    {
        var sb = new StringBuilder("format,family,bits,weight_bytes,total_bytes,bits_per_weight,stoi,estoi,si_sdr_db,pesq_nb,pesq_wb,rel_stoi_drop_pct,fidelity_db\n");
        foreach (QuantReportRow r in rows)
        {
            sb.AppendLine(C, $"\"{r.Config.Label}\",{r.Config.Family},{(r.Config.Bits?.ToString(C) ?? "")},{r.WeightBytes},{r.TotalBytes},{r.BitsPerWeight:0.0000},{r.Stoi:0.00000},{r.Estoi:0.00000},{r.SiSdrDb:0.000},{Pesq(r.PesqNb, "")},{Pesq(r.PesqWb, "")},{r.RelativeStoiDropPercent:0.000},{Fid(r.FidelityDb)}");
        }

        return sb.ToString();
    }

    public static string Markdown(IReadOnlyList<QuantReportRow> rows, string header)
    {
        QuantReportRow fp = rows.First(r => r.Config.IsFloat);
        var sb = new StringBuilder();
        sb.AppendLine("# Post-training quantization: memory vs quality");
        sb.AppendLine();
        sb.AppendLine(header);
        sb.AppendLine();
        sb.AppendLine("Bytes are exact (`rtdenoise model-info`): weight bytes = codes + per-group metadata + tables + float32 biases; " +
            "bits/weight = 8 · weight bytes / the model's weight count (normalisation excluded, it is not a weight; total bytes include it). " +
            "Fidelity = output SNR of the quantized model's denoised audio against the float model's, over all files. " +
            "PESQ: mean MOS-LQO over the files (P.862 + P.862.1 narrow band, P.862.2 wide band; n/a at 8 kHz for wide band). " +
            "Relative STOI drop = (STOI_fp32 − STOI) / STOI_fp32.");
        sb.AppendLine();
        sb.AppendLine("| format | bits | weight bytes | total bytes | bits/weight | STOI | ESTOI | SI-SDR dB | PESQ NB | PESQ WB | rel. STOI drop % | fidelity dB |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (QuantReportRow r in rows)
        {
            sb.AppendLine(C, $"| {r.Config.Label} | {r.Config.Bits?.ToString(C) ?? (r.Config.IsFloat ? "32" : "mixed")} | {r.WeightBytes} | {r.TotalBytes} | {r.BitsPerWeight:0.000} | {r.Stoi:0.0000} | {r.Estoi:0.0000} | {r.SiSdrDb:0.00} | {Pesq(r.PesqNb, "n/a")} | {Pesq(r.PesqWb, "n/a")} | {r.RelativeStoiDropPercent:0.00} | {Fid(r.FidelityDb)} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Findings (computed from the table above)");
        sb.AppendLine();
        QuantReportRow? ship = Ship(rows);
        if (ship is null)
        {
            sb.AppendLine("- **No configuration reaches ≤ 4.0 bits/weight with a relative STOI drop ≤ 1%.**");
        }
        else
        {
            sb.AppendLine(C, $"- Best configuration at ≤ 4.0 bits/weight with relative STOI drop ≤ 1% (highest fidelity among them): **{ship.Config.Label}**, {ship.BitsPerWeight:0.000} bits/weight, {ship.TotalBytes} bytes ({100.0 * ship.TotalBytes / fp.TotalBytes:0.0}% of fp32), STOI drop {ship.RelativeStoiDropPercent:0.00}%, fidelity {Fid(ship.FidelityDb)} dB.");
        }

        QuantReportRow? best3 = rows.Where(r => !r.Config.IsFloat && r.BitsPerWeight <= 3.0).OrderBy(r => r.RelativeStoiDropPercent).FirstOrDefault();
        if (best3 is not null)
        {
            sb.AppendLine(C, $"- Best point at ≤ 3.0 bits/weight: **{best3.Config.Label}**, {best3.BitsPerWeight:0.000} bits/weight, STOI drop {best3.RelativeStoiDropPercent:0.00}%, fidelity {Fid(best3.FidelityDb)} dB.");
        }
        else
        {
            QuantReportRow? near3 = rows.Where(r => r.Config.Bits == 3).OrderBy(r => r.RelativeStoiDropPercent).FirstOrDefault();
            if (near3 is not null)
            {
                sb.AppendLine(C, $"- No configuration is at ≤ 3.0 bits/weight (float32 biases add 0.09 bits/weight); best 3-bit-code point: **{near3.Config.Label}**, {near3.BitsPerWeight:0.000} bits/weight, STOI drop {near3.RelativeStoiDropPercent:0.00}%, fidelity {Fid(near3.FidelityDb)} dB.");
            }
        }

        sb.AppendLine("- VBS vs fixed point at equal bits (relative STOI drop %, fidelity dB):");
        foreach (int b in new[] { 2, 3, 4, 6, 8 })
        {
            QuantReportRow? v = rows.FirstOrDefault(r => r.Config.Label == $"vbs{b}");
            QuantReportRow? f = rows.FirstOrDefault(r => r.Config.Label == $"fixed{b}");
            if (v is not null && f is not null)
            {
                sb.AppendLine(C, $"  - {b} bits: vbs {v.RelativeStoiDropPercent:0.00}% / {Fid(v.FidelityDb)} dB vs fixed {f.RelativeStoiDropPercent:0.00}% / {Fid(f.FidelityDb)} dB (fidelity gain {v.FidelityDb - f.FidelityDb:+0.0;-0.0;0.0} dB)");
            }
        }

        double paperBytes = PaperMemoryFraction * fp.TotalBytes;
        var within = rows.Where(r => !r.Config.IsFloat && r.TotalBytes <= paperBytes).OrderBy(r => r.RelativeStoiDropPercent).ToList();
        string best = within.Count > 0
            ? string.Create(C, $"the best of them, {within[0].Config.Label}, uses {100.0 * within[0].TotalBytes / fp.TotalBytes:0.0}% of the float memory at a {within[0].RelativeStoiDropPercent:0.00}% drop.")
            : "none is that small.";
        sb.AppendLine(C, $"- The paper's operating point (−50% memory = {paperBytes:0} bytes, −2.7% STOI = {fp.Stoi * (1 - (PaperStoiDropPercent / 100)):0.0000}): {within.Count(r => r.RelativeStoiDropPercent < PaperStoiDropPercent)} of the {within.Count} configurations at ≤ 50% memory lose less than 2.7% STOI; {best}");
        return sb.ToString();
    }

    /// <summary>The shipping rule: ≤ 4.0 bits/weight and relative STOI drop ≤ 1%; among those, the highest
    /// fidelity (the steadier guide), then the fewest bytes.</summary>
    public static QuantReportRow? Ship(IReadOnlyList<QuantReportRow> rows) => rows
        .Where(r => !r.Config.IsFloat && r.BitsPerWeight <= 4.0 && r.RelativeStoiDropPercent <= 1.0)
        .OrderByDescending(r => r.FidelityDb).ThenBy(r => r.TotalBytes).FirstOrDefault();

    private static string Pesq(double mos, string undefined) => double.IsFinite(mos) ? mos.ToString("0.000", C) : undefined;

    private static string Fid(double db) => double.IsPositiveInfinity(db) ? "inf" : db.ToString("0.0", C);

    private static void Atomic(string path, Action<string> write)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp{Path.GetExtension(path)}");
        using TemporaryFiles.Registration registered = TemporaryFiles.Track(tmp);
        try
        {
            write(tmp);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }
}
