using System.CommandLine;
using System.Globalization;
using RtDenoise.Engine.Model;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Commands.QuantReport;
using RtDenoise.Offline.Model;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// <c>rtdenoise quant-report --model FP32.rtm --clean DIR --noisy DIR --out DIR [--files N] [--jobs J]
/// [--configs "vbs4;int4;vbs4,vbs4,vbs3"]</c>: evaluates the float model and every format × bit width of the sweep
/// (<see cref="QuantConfig.DefaultSweep"/>) and writes report.md, report.csv and memory-vs-stoi.png.
/// Progress lines go to stderr.
/// </summary>
public static class QuantReportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Float model (.rtm)", Required = true };
        var clean = new Option<DirectoryInfo>("--clean") { Description = "Folder of clean reference WAVs", Required = true };
        var noisy = new Option<DirectoryInfo>("--noisy") { Description = "Folder of noisy WAVs (NAME.wav matched with clean/NAME.wav)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Report folder (created if missing)", Required = true };
        var files = new Option<int>("--files") { Description = "Use the first N pairs in name order (0 = all)", DefaultValueFactory = _ => 0 };
        var jobs = new Option<int>("--jobs") { Description = "Files evaluated in parallel", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var configs = new Option<string?>("--configs") { Description = "';'-separated configurations instead of the default sweep: a format for all layers or a comma list per layer" };
        var cmd = new Command("quant-report", "Evaluate fp32 and quantized variants: report.md, report.csv, memory-vs-stoi.png");
        foreach (Option o in new Option[] { model, clean, noisy, output, files, jobs, configs })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(parse => CommandGuard.Run(() =>
        {
            RtmModel m = RtmModel.Load(parse.GetValue(model)!);
            if (m.Layers.Any(l => l.IsQuantized))
            {
                throw new UserInputException($"--model '{m.Source}' is already quantized; pass the fp32 model.");
            }

            DirectoryInfo c = parse.GetValue(clean)!, n = parse.GetValue(noisy)!;
            foreach ((DirectoryInfo d, string name) in new[] { (c, "--clean"), (n, "--noisy") })
            {
                if (!d.Exists)
                {
                    throw new UserInputException($"{name} folder '{d.FullName}' does not exist.");
                }
            }

            int parallel = parse.GetValue(jobs);
            if (parallel < 1 || parse.GetValue(files) < 0)
            {
                throw new UserInputException("--jobs must be ≥ 1 and --files ≥ 0.");
            }

            List<QuantConfig> sweep = [.. Configs(parse.GetValue(configs), m.Layers.Count)];
            if (parse.GetValue(configs) is null)
            {
                // The budget search (quantize --budget-kb) at 8%, 10%, 12% and 15% of the float model's memory.
                foreach (double share in new[] { 0.08, 0.10, 0.12, 0.15 })
                {
                    long bytes = (long)(share * m.TotalBytes);
                    if (BudgetSearch.Search(m, bytes) is { } choice)
                    {
                        sweep.Add(new QuantConfig($"budget {bytes / 1024} KiB: {string.Join(",", choice.Formats)}", "budget search", null, choice.Formats));
                    }
                }
            }

            var pairs = QuantReportRunner.LoadPairs(c, n, parse.GetValue(files));
            double seconds = pairs.Sum(p => (double)p.Clean.Length / p.Rate);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quant-report: {pairs.Count} files ({seconds:0} s of audio), {sweep.Count} configurations"));
            var runner = new QuantReportRunner(m, pairs, parallel);
            var rows = sweep.Select(cfg => runner.Evaluate(cfg, Console.Error.WriteLine)).ToList();
            double fpStoi = rows[0].Stoi;
            rows = [.. rows.Select(r => r with { RelativeStoiDropPercent = 100 * (fpStoi - r.Stoi) / fpStoi })];
            string header = string.Create(CultureInfo.InvariantCulture,
                $"Model `{Path.GetFileName(m.Source)}` ({m.WeightCount} weights); {pairs.Count} files from `{n.FullName}` ({seconds:0} s of audio: {pairs.First().Name} … {pairs.Last().Name}); weights-only post-training quantization, activations int8 per call in the kernels.");
            QuantReportWriter.Write(parse.GetValue(output)!.FullName, rows, header);
            Console.Out.WriteLine(QuantReportWriter.Csv(rows));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static IEnumerable<QuantConfig> Configs(string? text, int layers)
    {
        if (text is null)
        {
            return QuantConfig.DefaultSweep(layers);
        }

        try
        {
            List<QuantConfig> list = [QuantConfig.Uniform("fp32", layers), .. text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t.Contains(',') ? QuantConfig.Mixed(t) : QuantConfig.Uniform(t, layers))];
            QuantConfig? bad = list.FirstOrDefault(q => q.Formats.Count != layers);
            return bad is null ? list : throw new UserInputException($"--configs '{bad.Label}' has {bad.Formats.Count} formats for {layers} layers.");
        }
        catch (FormatException ex)
        {
            throw new UserInputException($"--configs: {ex.Message}", ex);
        }
    }
}
