using RtDenoise.Kernels.MatVec;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>What a benchmark child process runs on, printed once per GlobalSetup into BenchmarkDotNet's log.</summary>
internal static class BenchmarkEnvironment
{
    public static void Log() =>
        Console.WriteLine(
            $"// {KernelDispatch.Description}; DOTNET_TieredCompilation={Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "(unset)"}, " +
            $"runtimeconfig System.Runtime.TieredCompilation={AppContext.GetData("System.Runtime.TieredCompilation") ?? "(unset)"}");
}
