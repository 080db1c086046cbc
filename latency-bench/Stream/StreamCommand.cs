using System.CommandLine;
using RtDenoise.Engine;
using RtDenoise.Engine.Model;
using RtDenoise.Offline.Audio;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>
/// `latency-bench stream`: the paced streaming harness. Exit codes: 0 ok; 1 deadline misses, allocations or GC
/// during a paced run (the real-time contract was broken); 2 bad input. A CPU quota that cannot be applied
/// (not root, no cgroup v1) is reported and the run is skipped with exit code 0 and `"skipped"` in the JSON.
/// </summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        Option<FileInfo?> input = new("--input") { Description = "WAV to stream (looped). Default: samples/noisy_speech.wav." };
        Option<FileInfo?> model = new("--model") { Description = "Model file for the dnn processor." };
        Option<string?> processor = new("--processor") { Description = "dnn, classic or bypass (default: dnn if a model exists, else classic)." };
        Option<int> rate = new("--rate") { Description = "Device sample rate.", DefaultValueFactory = _ => 48000 };
        Option<double> blockMs = new("--block-ms") { Description = "Device block (callback) length in ms.", DefaultValueFactory = _ => 10 };
        Option<bool> paced = new("--paced") { Description = "Release one block per block period (as a sound card does); otherwise back to back." };
        Option<double> duration = new("--duration") { Description = "Seconds of audio to stream.", DefaultValueFactory = _ => 10 };
        Option<double?> quota = new("--cpu-quota") { Description = "Run inside a CPU quota: fraction of one core (needs root, cgroup v1)." };
        Option<string?> profile = new("--device-profile") { Description = "Quota preset: pi3 (10%), pi4 (25%), full." };
        Option<int> cpu = new("--cpu") { Description = "Core to pin the streaming thread to.", DefaultValueFactory = _ => 1 };
        Option<bool> json = new("--json") { Description = "Print one JSON line." };
        Option<FileInfo?> plot = new("--plot") { Description = "Write a PNG: per-block timeline and histogram." };
        Option<bool> stages = new("--stages") { Description = "Also print the per-stage split (unpaced)." };

        Command command = new("stream", "Paced streaming latency harness.");
        foreach (Option o in new Option[] { input, model, processor, rate, blockMs, paced, duration, quota, profile, cpu, json, plot, stages })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                return Execute(parse, input, model, processor, rate, blockMs, paced, duration, quota, profile, cpu, json, plot, stages);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidAudioFileException or InvalidModelException or IOException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static int Execute(
        ParseResult parse,
        Option<FileInfo?> input,
        Option<FileInfo?> model,
        Option<string?> processor,
        Option<int> rate,
        Option<double> blockMs,
        Option<bool> paced,
        Option<double> duration,
        Option<double?> quota,
        Option<string?> profile,
        Option<int> cpu,
        Option<bool> json,
        Option<FileInfo?> plot,
        Option<bool> stages)
    {
        string inputPath = parse.GetValue(input)?.FullName ?? DefaultSample();
        string? modelPath = parse.GetValue(model)?.FullName;
        string proc = parse.GetValue(processor) ?? (modelPath is not null || ModelLocator.FindDefault() is not null ? "dnn" : "classic");
        double? quotaFraction = parse.GetValue(quota);
        string? profileName = parse.GetValue(profile);
        if (profileName is not null)
        {
            if (!DeviceProfiles.Quotas.TryGetValue(profileName, out double q))
            {
                throw new ArgumentException($"--device-profile '{profileName}' is unknown; expected one of: {string.Join(", ", DeviceProfiles.Quotas.Keys)}.");
            }

            quotaFraction ??= q;
        }

        var settings = new StreamSettings(
            inputPath, proc, modelPath, parse.GetValue(rate), parse.GetValue(blockMs), parse.GetValue(paced),
            parse.GetValue(duration), quotaFraction, profileName, parse.GetValue(cpu));
        if (settings.BlockFrames < 1 || settings.DurationSeconds <= 0)
        {
            throw new ArgumentException("--block-ms and --duration must be positive.");
        }

        if (quotaFraction is double fraction && fraction < 1 && !CpuQuota.CanApply(fraction, out string? whyNot))
        {
            Console.Error.WriteLine($"skipped: cannot apply --cpu-quota {fraction}: {whyNot}");
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine($"{{\"skipped\":true,\"reason\":\"{whyNot?.Replace("\"", "'", StringComparison.Ordinal)}\"}}");
            }

            return 0;
        }

        FileInfo? plotFile = parse.GetValue(plot);
        float[]? timeline = plotFile is null ? null : new float[(int)Math.Min(10_000_000, (settings.DurationSeconds * settings.SampleRate / settings.BlockFrames) + 2)];
        StreamResult result = StreamHarness.Run(
            settings,
            () => quotaFraction is double f && f < 1
                ? CpuQuota.TryEnter(f, out string? why) ?? throw new IOException($"cannot apply --cpu-quota {f}: {why}")
                : null,
            timeline);

        if (parse.GetValue(json))
        {
            Console.Out.WriteLine(result.ToJson());
        }
        else
        {
            Console.Out.Write(result.ToTable());
        }

        if (parse.GetValue(stages))
        {
            Console.Error.Write(StageProfiler.Run(settings with { Paced = false }));
        }

        if (plotFile is not null && timeline is not null)
        {
            LatencyPlot.Save(plotFile.FullName, timeline, result.Blocks, settings.BlockMilliseconds * 1000, $"{result.ProcessorName} @ {settings.SampleRate} Hz, {settings.BlockMilliseconds} ms blocks");
        }

        bool broken = settings.Paced && (result.Misses > 0 || result.AllocatedBytes > 0 || result.GcCollections > 0);
        if (broken)
        {
            Console.Error.WriteLine($"real-time contract broken: {result.Misses} deadline misses, {result.AllocatedBytes} bytes allocated, {result.GcCollections} GC collections");
        }

        return broken ? 1 : 0;
    }

    private static string DefaultSample()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "samples", "noisy_speech.wav");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ArgumentException("no --input given and samples/noisy_speech.wav was not found above " + AppContext.BaseDirectory);
    }
}
