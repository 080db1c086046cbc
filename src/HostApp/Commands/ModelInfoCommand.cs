using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RtDenoise.Engine.Model;
using RtDenoise.HostApp.Cli;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Kernels.MatVec.Planning;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// <c>rtdenoise model-info MODEL [--json]</c>: per-layer shapes, formats, parameter counts and exact bytes. Memory
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
        var json = new Option<bool>("--json") { Description = "Print one line of JSON instead of a table" };
        var cmd = new Command("model-info", "Show a model's layers, parameter counts and memory");
        cmd.Arguments.Add(model);
        cmd.Options.Add(json);
        cmd.SetAction(parseResult => CommandGuard.Run(() =>
        {
            RtmModel m = RtmModel.Load(parseResult.GetValue(model)!);

            // Building the processor plans its kernels on this CPU (measured, or RTDENOISE_KERNEL's).
            IReadOnlyList<LayerPlan?> plan = new DnnSpectralProcessor(m).KernelPlan;
            Console.Out.WriteLine(parseResult.GetValue(json) ? ToJson(m, plan) : ToTable(m, plan));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    public static double BitsPerWeight(RtmModel m) => m.BitsPerWeight;

    /// <summary>The one-line JSON of issue 9.</summary>
    public static string ToJson(RtmModel m, IReadOnlyList<LayerPlan?>? plan = null)
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
            if (plan is not null)
            {
                w.WriteStartArray("kernel_plan");
                for (int i = 0; i < plan.Count; i++)
                {
                    if (plan[i] is not { } p)
                    {
                        continue;
                    }

                    w.WriteStartObject();
                    w.WriteNumber("layer", i);
                    w.WriteString("path", KernelDispatch.Name(p.Path));
                    w.WriteString("reason", p.Reason);
                    w.WriteStartObject("timings_us");
                    foreach (KernelTiming t in p.Timings)
                    {
                        w.WriteNumber(KernelDispatch.Name(t.Path), Math.Round(t.Nanoseconds / 1000, 3));
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string ToTable(RtmModel m, IReadOnlyList<LayerPlan?>? plan = null)
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
        if (plan is not null)
        {
            for (int i = 0; i < plan.Count; i++)
            {
                if (plan[i] is { } p)
                {
                    sb.AppendLine(c, $"kernel plan, layer {i}: {p.Describe()}");
                }
            }
        }

        sb.Append(c, $"total: {m.WeightCount} weights, {m.WeightBytes} weight bytes + {m.NormalisationBytes} normalisation = {m.TotalBytes} bytes, {BitsPerWeight(m):0.###} bits/weight (codes + metadata + biases)");
        return sb.ToString();
    }
}
