using System.Runtime.InteropServices;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>
/// The libc calls the harness needs and .NET does not expose: absolute-deadline sleeping
/// (clock_nanosleep with TIMER_ABSTIME, so pacing neither drifts nor burns CPU quota by spinning), the calling
/// thread's own CPU clock (CLOCK_THREAD_CPUTIME_ID: separates our work from preemption, steal and throttling in a
/// block's wall time) and pinning the calling thread to one core (sched_setaffinity with tid 0).
/// </summary>
internal static partial class NativeScheduling
{
    private const int ClockMonotonic = 1;
    private const int ClockThreadCpuTime = 3;
    private const int TimerAbsTime = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public static bool IsLinux => OperatingSystem.IsLinux();

    /// <summary>CLOCK_MONOTONIC now, in nanoseconds.</summary>
    public static long NowNs()
    {
        if (!IsLinux)
        {
            return (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (1e9 / System.Diagnostics.Stopwatch.Frequency));
        }

        ClockGetTime(ClockMonotonic, out TimeSpec ts);
        return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
    }

    /// <summary>Sleeps until the absolute CLOCK_MONOTONIC time <paramref name="deadlineNs"/>.</summary>
    public static void SleepUntil(long deadlineNs)
    {
        if (!IsLinux)
        {
            long waitMs = (deadlineNs - NowNs()) / 1_000_000;
            if (waitMs > 0)
            {
                Thread.Sleep((int)waitMs);
            }

            return;
        }

        var ts = new TimeSpec { Seconds = deadlineNs / 1_000_000_000L, Nanoseconds = deadlineNs % 1_000_000_000L };
        while (ClockNanosleep(ClockMonotonic, TimerAbsTime, ref ts, IntPtr.Zero) == 4)
        {
            // EINTR: a signal woke us; sleep again towards the same absolute deadline.
        }
    }

    /// <summary>CPU time consumed by the calling thread, in nanoseconds (0 where not Linux).</summary>
    public static long ThreadCpuNs()
    {
        if (!IsLinux)
        {
            return 0;
        }

        ClockGetTime(ClockThreadCpuTime, out TimeSpec ts);
        return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
    }

    /// <summary>Pins the calling thread to <paramref name="cpu"/>; false if not permitted or not Linux.</summary>
    public static bool PinCurrentThread(int cpu)
    {
        if (!IsLinux || cpu < 0 || cpu >= 64)
        {
            return false;
        }

        ulong mask = 1UL << cpu;
        return SchedSetAffinity(0, sizeof(ulong), ref mask) == 0;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec ts);

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, ref TimeSpec request, IntPtr remain);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity")]
    private static partial int SchedSetAffinity(int pid, nint size, ref ulong mask);
}
