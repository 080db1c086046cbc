using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// One BenchmarkDotNet job per instruction set (issue 5): the default, and the .NET ISA switches that take kernel
/// paths away — AVX-512 off (avx2 path on an AVX-512 CPU), AVX2 off (vector128), all hardware intrinsics off
/// (scalar). Each job is a separate child process, so <c>KernelDispatch</c> picks its path there; the benchmarks run
/// the dispatched path and log it (see <see cref="BenchmarkEnvironment"/>).
/// </summary>
/// <remarks>
/// Every job also sets <c>DOTNET_TieredCompilation=1</c>: LatencyBench.csproj turns tiered compilation off for the
/// paced stream harness, and the variable makes the benchmark children run with the runtime's default (tiered
/// JIT with dynamic PGO), as the shipped app does, whatever the host project's setting (an environment variable
/// overrides the runtimeconfig.json knob).
/// </remarks>
public sealed class IsaJobsConfig : ManualConfig
{
    public static readonly (string Id, string? Variable)[] Isas =
    [
        ("default", null),
        ("avx512-off", "DOTNET_EnableAVX512"),
        ("avx2-off", "DOTNET_EnableAVX2"),
        ("hwintrinsic-off", "DOTNET_EnableHWIntrinsic"),
    ];

    public IsaJobsConfig()
    {
        foreach ((string id, string? variable) in Isas)
        {
            Job job = Job.Default.WithId(id).WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "1"));
            if (variable is not null)
            {
                job = job.WithEnvironmentVariable(variable, "0");
            }

            AddJob(job);
        }
    }
}
