using System.Diagnostics;

namespace RtDenoise.LatencyBench.Kernels;

/// <summary>Per-call time for the <c>kernels</c> sweep.</summary>
internal static class CallTimer
{
    /// <summary>
    /// Per-call time in ns: after a warm-up of ≥ 20 ms and ≥ 50 calls, the fastest of <paramref name="batches"/>
    /// timed batches of about <paramref name="batchMs"/> each, on the thread's CPU clock (see
    /// <see cref="ThreadCpuClock"/>) so that other processes sharing the core do not inflate it.
    /// </summary>
    public static double Time(Action call, double batchMs, int batches)
    {
        var sw = Stopwatch.StartNew();
        int calls = 0;
        while (sw.Elapsed.TotalMilliseconds < Math.Max(20, batchMs) || calls < 50)
        {
            call();
            calls++;
        }

        double perCallMs = sw.Elapsed.TotalMilliseconds / calls;
        int n = Math.Max(1, (int)(batchMs / perCallMs));
        double best = double.PositiveInfinity;
        for (int b = 0; b < batches; b++)
        {
            long t0 = ThreadCpuClock.NowNs();
            for (int i = 0; i < n; i++)
            {
                call();
            }

            best = Math.Min(best, (double)(ThreadCpuClock.NowNs() - t0) / n);
        }

        return best;
    }
}
