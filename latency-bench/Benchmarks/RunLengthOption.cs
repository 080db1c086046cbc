using BenchmarkDotNet.Jobs;

namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// BenchmarkDotNet's <c>--job NAME</c> (<c>-j</c>; Dry, Short, Medium, Long, VeryLong, Default) taken out of the
/// arguments and turned into a <b>mutator</b> job. Passed through, BenchmarkDotNet would add it as a fifth job beside
/// the four of <see cref="IsaJobsConfig"/> (so <c>--job Dry</c> would still run the four full-length ISA jobs); as a
/// mutator its run length is applied to every ISA job instead, and to the default job of suites without ISA jobs.
/// </summary>
internal static class RunLengthOption
{
    private static readonly Dictionary<string, Job> Jobs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dry"] = Job.Dry,
        ["short"] = Job.ShortRun,
        ["medium"] = Job.MediumRun,
        ["long"] = Job.LongRun,
        ["verylong"] = Job.VeryLongRun,
        ["default"] = Job.Default,
    };

    public static (string[] Others, Job? Mutator) Take(string[] args)
    {
        var rest = new List<string>(args.Length);
        Job? mutator = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--job" or "-j" && i + 1 < args.Length && Jobs.TryGetValue(args[i + 1], out Job? job))
            {
                mutator = job.AsMutator();
                i++;
                continue;
            }

            rest.Add(args[i]);
        }

        return (rest.ToArray(), mutator);
    }
}
