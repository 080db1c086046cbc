using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RtDenoise.Engine.Model;
using RtDenoise.HostApp.Cli;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// <c>rtdenoise model-info MODEL [--json]</c>: per-layer shapes, formats, parameter counts and exact bytes, and the
/// kernel plan on this CPU (<see cref="KernelPlanner"/>: each quantized layer's path and per-path timings). Memory
/// counts every layer payload (codes, per-group metadata and tables, biases) plus the normalisation vectors.
/// <c>bits_per_weight</c> = all weight-related bits / weights = 8 · Σ layer payload bytes (codes + metadata + tables
/// + float32 biases) / Σ in·out; the normalisation vectors (feature statistics, not weights) are in
/// <c>total_bytes</c> but not in bits per weight.
/// </summary>
public static class ModelInfoCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Model file (.rtm)" };
        EmptyPathCheck.AddTo("model-info", model);
        var json = new Option<bool>("--json") { Description = "Print one line of JSON instead of a table" };
        var cmd = new Command("model-info", "Show a model's layers, parameter counts and memory");
        cmd.Arguments.Add(model);
        cmd.Options.Add(json);
        cmd.SetAction(parseResult => CommandGuard.Run(() =>
        {
            RtmModel m = RtmModel.Load(parseResult.GetValue(model)!);
            // The kernel plan is this CPU's, measured now as a denoiser's load would (a few ms; empty for fp32 models).
            IReadOnlyList<LayerPlan> plan = new DnnSpectralProcessor(m).Plan;
            Console.Out.WriteLine(parseResult.GetValue(json) ? ToJson(m, plan) : ToTable(m) + KernelPlanText(plan));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    public static double BitsPerWeight(RtmModel m) => m.BitsPerWeight;

    /// <summary>The one-line JSON summary of the model.</summary>
    public static string ToJson(RtmModel m) => ToJson(m, []);

    /// <summary>
    /// The one-line JSON summary of the model, plus (when <paramref name="plan"/> is not empty) the
    /// <c>"kernel_plan"</c>: per quantized layer its index, chosen path, how it was chosen and the timed paths in ns.
    /// </summary>
    public static string ToJson(RtmModel m, IReadOnlyList<LayerPlan> plan)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("layers");
            foreach (RtmLayer layer in m.Layers)
            {
                w.WriteStartObject();
                w.WriteNumber("in", layer.In);
                w.WriteNumber("out", layer.Out);
                w.WriteString("format", layer.Format);
                w.WriteNumber("bytes", layer.Payload.Length);
                (long codes, long meta, long bias) = layer.MemoryBreakdown();
                w.WriteNumber("code_bytes", codes);
                w.WriteNumber("metadata_bytes", meta);
                w.WriteNumber("bias_bytes", bias);
                w.WriteNumber("bits_per_weight", Math.Round(8.0 * layer.Payload.Length / layer.WeightCount, 4));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("weights", m.WeightCount);
            w.WriteNumber("weight_bytes", m.WeightBytes);
            w.WriteNumber("normalisation_bytes", m.NormalisationBytes);
            w.WriteNumber("total_bytes", m.TotalBytes);
            w.WriteNumber("bits_per_weight", Math.Round(BitsPerWeight(m), 4));
            w.WriteNumber("sample_rate", m.SampleRate);
            w.WriteNumber("window", m.Layout.WindowLength);
            w.WriteNumber("hop", m.Layout.Hop);
            w.WriteNumber("latency_ms", Math.Round(m.LatencyMs, 4));
            w.WriteNumber("feature_kind", m.FeatureKind);
            w.WriteNumber("context_frames", m.ContextFrames);
            w.WriteNumber("feature_count", m.FeatureCount);
            w.WriteNumber("level_tau_s", m.LevelTauSeconds);
            w.WriteNumber("gain_floor_db", Math.Round(20 * Math.Log10(m.GainFloor), 2));
            w.WriteNumber("default_atten_lim_db", m.DefaultAttenuationLimitDb);
            if (plan.Count > 0)
            {
                WritePlan(w, plan);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePlan(Utf8JsonWriter w, IReadOnlyList<LayerPlan> plan)
    {
        w.WriteStartArray("kernel_plan");
        foreach (LayerPlan p in plan)
        {
            w.WriteStartObject();
            w.WriteNumber("layer", p.Layer);
            w.WriteString("path", KernelDispatch.Name(p.Path));
            w.WriteString("source", p.SourceText);
            w.WriteStartObject("ns");
            foreach (PathTiming t in p.Timings)
            {
                w.WriteNumber(KernelDispatch.Name(t.Path), Math.Round(t.Nanoseconds));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The plan under the table: one line per quantized layer, or nothing for an fp32 model.</summary>
    public static string KernelPlanText(IReadOnlyList<LayerPlan> plan) =>
        plan.Count == 0 ? "" : Environment.NewLine + "kernel plan (this CPU, timed at load, fastest first):" + Environment.NewLine
            + string.Join(Environment.NewLine, plan.Select(p => "  " + p))
            + (KernelDispatch.OverrideWarning is { } warning ? Environment.NewLine + "  warning: " + warning : "");

    public static string ToTable(RtmModel m)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"sample rate {m.SampleRate} Hz, window {m.Layout.WindowLength}, hop {m.Layout.Hop}, FFT {m.Layout.FftSize}, latency {m.LatencyMs:F2} ms");
        sb.AppendLine(c, $"features: {m.Features.Describe(m.Layout.Bins)}");
        string limit = m.DefaultAttenuationLimitDb >= RtmFormat.NoAttenuationLimitDb ? "none" : $"{m.DefaultAttenuationLimitDb:0.#} dB";
        sb.AppendLine(c, $"gain: floor {20 * Math.Log10(m.GainFloor):0.#} dB, exponent {m.GainExponent:0.###}, default attenuation limit {limit} (--atten-lim)");
        sb.AppendLine("layer  in     out    activation  format    weights     bytes     codes     metadata  bias    bits/weight");
        for (int i = 0; i < m.Layers.Count; i++)
        {
            RtmLayer l = m.Layers[i];
            (long codes, long meta, long bias) = l.MemoryBreakdown();
            sb.AppendLine(c, $"{i,-6} {l.In,-6} {l.Out,-6} {l.Activation,-11} {l.Format,-9} {l.WeightCount,-11} {l.Payload.Length,-9} {codes,-9} {meta,-9} {bias,-7} {8.0 * l.Payload.Length / l.WeightCount:0.###}");
        }

        sb.AppendLine(c, $"normalisation bytes {m.NormalisationBytes}");
        sb.Append(c, $"total: {m.WeightCount} weights, {m.WeightBytes} weight bytes + {m.NormalisationBytes} normalisation = {m.TotalBytes} bytes, {BitsPerWeight(m):0.###} bits/weight (codes + metadata + biases)");
        return sb.ToString();
    }
}
