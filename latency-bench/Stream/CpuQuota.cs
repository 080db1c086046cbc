using System.Globalization;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>
/// Low-end device emulation: puts this whole process in a cgroup v1 `cpu` group limited to a fraction of one core.
/// The kernel here (6.x) refuses quotas below 1 ms (EINVAL; the 1 ms period / 100 µs quota of
/// ../shared/docs/ci-recipes.md is rejected), so the quota is 1 ms and the period 1 ms / fraction: 10 ms for 10%,
/// 4 ms for 25%. A throttled block can thus wait up to period − quota; that is part of what the emulation shows.
/// Needs root and a writable /sys/fs/cgroup/cpu; otherwise <see cref="TryEnter"/> says why and the caller skips.
/// Disposing moves the process back to the root group and removes ours.
/// </summary>
internal sealed class CpuQuota : IDisposable
{
    private const string Root = "/sys/fs/cgroup/cpu";
    private const int MinQuotaUs = 1000;
    private readonly string _group;

    private CpuQuota(string group, double fraction, int periodUs)
    {
        _group = group;
        Fraction = fraction;
        PeriodMicroseconds = periodUs;
    }

    public double Fraction { get; }

    public int PeriodMicroseconds { get; }

    /// <summary>Checks (by creating and removing a probe group) whether a quota can be applied here.</summary>
    public static bool CanApply(double fraction, out string? whyNot)
    {
        using CpuQuota? probe = TryCreate(fraction, out whyNot, joinProcess: false);
        return probe is not null;
    }

    public static CpuQuota? TryEnter(double fraction, out string? whyNot) => TryCreate(fraction, out whyNot, joinProcess: true);

    private static CpuQuota? TryCreate(double fraction, out string? whyNot, bool joinProcess)
    {
        whyNot = null;
        if (fraction <= 0 || fraction > 1)
        {
            whyNot = $"--cpu-quota {fraction} must be in (0, 1] (a fraction of one core)";
            return null;
        }

        if (!Directory.Exists(Root) || !File.Exists(Path.Combine(Root, "cpu.cfs_quota_us")))
        {
            whyNot = $"cgroup v1 cpu controller not mounted at {Root}";
            return null;
        }

        string group = Path.Combine(Root, $"rtdenoise-bench-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(group);
            int periodUs = (int)Math.Round(MinQuotaUs / fraction);
            File.WriteAllText(Path.Combine(group, "cpu.cfs_period_us"), periodUs.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(group, "cpu.cfs_quota_us"), MinQuotaUs.ToString(CultureInfo.InvariantCulture));
            if (joinProcess)
            {
                File.WriteAllText(Path.Combine(group, "cgroup.procs"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            }

            return new CpuQuota(group, MinQuotaUs / (double)periodUs, periodUs);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            whyNot = $"cannot create a cpu cgroup under {Root} ({ex.Message}); run as root";
            TryRemove(group);
            return null;
        }
    }

    /// <summary>Microseconds the group was throttled (cpu.stat throttled_time is in ns).</summary>
    public long ThrottledMicroseconds()
    {
        try
        {
            foreach (string line in File.ReadLines(Path.Combine(_group, "cpu.stat")))
            {
                if (line.StartsWith("throttled_time ", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(15), CultureInfo.InvariantCulture) / 1000;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    public void Dispose()
    {
        try
        {
            File.WriteAllText(Path.Combine(Root, "cgroup.procs"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
        }

        TryRemove(_group);
    }

    private static void TryRemove(string group)
    {
        try
        {
            if (Directory.Exists(group))
            {
                Directory.Delete(group); // rmdir: cgroup directories are removed empty
            }
        }
        catch (IOException)
        {
        }
    }
}
