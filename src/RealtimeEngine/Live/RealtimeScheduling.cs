using System.Runtime.InteropServices;

namespace RtDenoise.Engine.Live;

/// <summary>
/// Puts the calling thread in the SCHED_FIFO real-time class, as pro-audio software does on Linux (JACK, PipeWire
/// and PulseAudio through rtkit): a FIFO thread is never preempted by ordinary (CFS) threads, so a compiler or a
/// browser on the same core cannot delay a hop. Permitted for root, or where RLIMIT_RTPRIO allows the priority
/// (e.g. /etc/security/limits.d/audio.conf: `@audio - rtprio 95`); otherwise the thread stays as it was and the
/// caller reports why. The kernel's RT throttling (sched_rt_runtime_us, 95% by default) keeps a runaway FIFO
/// thread from locking the machine; the engine thread sleeps whenever its input ring is empty anyway.
/// .NET's Thread.Priority does not reach the Linux scheduler for unprivileged policies, hence this libc call.
/// </summary>
public static partial class RealtimeScheduling
{
    private const int SchedFifo = 1;

    /// <summary>Priority of the engine thread: below PortAudio's callback threads, above every CFS thread.</summary>
    public const int EnginePriority = 10;

    /// <summary>Tries SCHED_FIFO at <paramref name="priority"/> for the calling thread; null on success, else why not.</summary>
    public static string? TryRaiseCurrentThread(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real-time scheduling is implemented for Linux only";
        }

        int param = priority; // struct sched_param { int sched_priority; }
        if (SchedSetScheduler(0, SchedFifo, ref param) == 0)
        {
            return null;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno == 1
            ? $"SCHED_FIFO {priority} not permitted (EPERM: run as root or grant rtprio ≥ {priority} in /etc/security/limits.d)"
            : $"sched_setscheduler failed (errno {errno})";
    }

    /// <summary>sched_setscheduler(2); pid 0 is the calling thread on Linux (policies are per thread).</summary>
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref int param);
}
