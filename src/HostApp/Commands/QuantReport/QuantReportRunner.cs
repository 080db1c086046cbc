using RtDenoise.Engine;
using RtDenoise.Engine.Model;
using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Model;

namespace RtDenoise.HostApp.Commands.QuantReport;

/// <summary>
/// Evaluates a float model and its post-training-quantized variants on the same clean/noisy pairs: each file is
/// denoised in memory (latency-compensated, like file mode) and scored with STOI, ESTOI, SI-SDR and PESQ against the clean
/// file; the float model's outputs are kept to measure each variant's fidelity.
/// </summary>
public sealed class QuantReportRunner(RtmModel floatModel, IReadOnlyList<(string Name, float[] Clean, float[] Noisy, int Rate)> files, int jobs)
{
    private float[][]? _floatOutputs;

    /// <summary>Loads up to <paramref name="maxFiles"/> pairs (every noisy NAME.wav with a clean NAME.wav, name order;
    /// 0 = all).</summary>
    public static List<(string Name, float[] Clean, float[] Noisy, int Rate)> LoadPairs(DirectoryInfo clean, DirectoryInfo noisy, int maxFiles)
    {
        string[] names = [.. Directory.EnumerateFiles(noisy.FullName, "*.wav").Select(Path.GetFileName).OfType<string>()
            .Where(n => File.Exists(Path.Combine(clean.FullName, n))).Order(StringComparer.Ordinal)];
        if (names.Length == 0)
        {
            throw new UserInputException($"--noisy '{noisy.FullName}' has no .wav file with a partner in --clean '{clean.FullName}'.");
        }

        if (maxFiles > 0)
        {
            names = names[..Math.Min(maxFiles, names.Length)];
        }

        var list = new List<(string, float[], float[], int)>();
        foreach (string n in names)
        {
            float[] c = MetricAudio.ReadMono(Path.Combine(clean.FullName, n), out int rc);
            float[] x = MetricAudio.ReadMono(Path.Combine(noisy.FullName, n), out int rx);
            if (rc != rx || c.Length != x.Length)
            {
                throw new UserInputException($"'{n}': clean and noisy differ in rate or length ({rc} Hz/{c.Length} vs {rx} Hz/{x.Length}).");
            }

            list.Add((n, c, x, rc));
        }

        return list;
    }

    public QuantReportRow Evaluate(QuantConfig config, Action<string> log)
    {
        RtmModel model = config.IsFloat ? floatModel : ModelQuantizer.Quantize(floatModel, config.Formats);
        var outputs = new float[files.Count][];
        var scores = new SpeechMetricsResult[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            outputs[i] = Denoise(model, files[i].Noisy, files[i].Rate);
            scores[i] = SpeechMetrics.Compute(files[i].Clean, outputs[i], files[i].Rate, withPesq: true);
        });

        double fidelity = double.PositiveInfinity;
        if (config.IsFloat)
        {
            _floatOutputs = outputs;
        }
        else if (_floatOutputs is not null)
        {
            double signal = 0, error = 0;
            for (int i = 0; i < outputs.Length; i++)
            {
                for (int k = 0; k < outputs[i].Length; k++)
                {
                    double f = _floatOutputs[i][k], d = outputs[i][k] - f;
                    signal += f * f;
                    error += d * d;
                }
            }

            fidelity = error > 0 ? 10 * Math.Log10(signal / error) : double.PositiveInfinity;
        }

        double stoi = scores.Average(s => s.Stoi);
        var row = new QuantReportRow(config, model.WeightBytes, model.TotalBytes, model.BitsPerWeight, stoi,
            scores.Average(s => s.Estoi), scores.Average(s => s.SiSdrDb), MeanOfDefined(scores.Select(s => s.Pesq?.NarrowBand)),
            MeanOfDefined(scores.Select(s => s.Pesq?.WideBand)), double.NaN, fidelity);
        log($"{config.Label,-18} {row.BitsPerWeight,7:0.000} b/w {row.WeightBytes,8} B  STOI {row.Stoi:0.0000}  ESTOI {row.Estoi:0.0000}  SI-SDR {row.SiSdrDb,6:0.00} dB  PESQ-WB {row.PesqWb:0.000}  fidelity {fidelity,6:0.0} dB");
        return row;
    }

    private static double MeanOfDefined(IEnumerable<double?> values)
    {
        double[] defined = [.. values.OfType<double>()];
        return defined.Length == 0 ? double.NaN : defined.Average();
    }

    /// <summary>Whole-signal denoise with the latency removed (output sample n aligned with input sample n).</summary>
    private static float[] Denoise(RtmModel model, float[] noisy, int rate)
    {
        using var d = new Denoiser(rate, model.Layout, new DnnSpectralProcessor(model));
        int latency = d.LatencySamples;
        var input = new float[noisy.Length + latency];
        noisy.CopyTo(input, 0);
        var output = new float[input.Length];
        d.Process(input, output);
        return output[latency..];
    }
}
