using BenchmarkDotNet.Running;

namespace RtDenoise.LatencyBench;

/// <summary>
/// Entry point. `dotnet run -c Release --project latency-bench -- bench [BenchmarkDotNet args]` runs the
/// BenchmarkDotNet suites; other verbs (stream, kernels) are the project's own harnesses.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "bench")
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }

        if (args.Length > 0 && args[0] == "kernels")
        {
            return Kernels.KernelsCommand.Run(args[1..]);
        }

        Console.Error.WriteLine("usage: latency-bench bench [--filter *Fft*] ... | kernels [--quick] [--json]");
        return 2;
    }
}
