using System.CommandLine;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using RtDenoise.LatencyBench.Stream;

namespace RtDenoise.LatencyBench;

/// <summary>
/// Entry point. Verbs:
/// <list type="bullet">
/// <item>`bench [BenchmarkDotNet args]`: the BenchmarkDotNet suites (e.g. `bench --filter '*Fft*'`).</item>
/// <item>`stream ...`: the paced streaming latency harness (see <see cref="StreamCommand"/>).</item>
/// <item>`kernels [--quick] [--json] ...`: the packed-kernel sweep and the shipped model's forward pass (see <see cref="Kernels.KernelsCommand"/>).</item>
/// </list>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "bench")
        {
            // A generous build timeout: on a loaded 2-core machine BenchmarkDotNet's per-job build can exceed its 2-minute default.
            ManualConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
            (string[] rest, Job? runLength) = Benchmarks.RunLengthOption.Take(args[1..]);
            if (runLength is not null)
            {
                config.AddJob(runLength);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
            return 0;
        }

        RootCommand root = new("rtdenoise latency and throughput harnesses; `bench` runs the BenchmarkDotNet suites.");
        root.Subcommands.Add(StreamCommand.Create());
        root.Subcommands.Add(Kernels.KernelsCommand.Create());
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                Console.Error.WriteLine($"error: {e.Message}");
            }

            return 2;
        }

        return parse.Invoke();
    }
}
