using HdrHistogram;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>
/// One streamed run's per-block measurements: four HdrHistograms (values in ns up to an hour, 3 significant
/// digits) and the deadline-miss counters. Recording allocates nothing (the timed loop counts allocations).
/// </summary>
internal sealed class BlockTimings
{
    /// <summary>Wall time of Process per block.</summary>
    public LongHistogram Processing { get; } = new(TimeSpan.TicksPerHour, 3);

    /// <summary>Release → done (includes the wake-up delay); paced runs only.</summary>
    public LongHistogram Response { get; } = new(TimeSpan.TicksPerHour, 3);

    /// <summary>The thread's own CPU time per block.</summary>
    public LongHistogram Cpu { get; } = new(TimeSpan.TicksPerHour, 3);

    /// <summary>Release → start of processing; paced runs only.</summary>
    public LongHistogram Wake { get; } = new(TimeSpan.TicksPerHour, 3);

    public long Misses { get; private set; }

    public long BusyNs { get; private set; }

    /// <summary>Among missed blocks: the most own CPU time one took.</summary>
    public long MissedOwnCpuMaxNs { get; private set; }

    /// <summary>Among missed blocks: the shortest wake-up delay one had.</summary>
    public long MissedWakeMinNs { get; private set; } = long.MaxValue;

    /// <summary>Records and discards one value in each histogram: the first record initialises types (allocates once),
    /// which must happen before the counted region.</summary>
    public void Prime()
    {
        foreach (LongHistogram h in (ReadOnlySpan<LongHistogram>)[Processing, Response, Cpu, Wake])
        {
            h.RecordValue(1);
            h.Reset();
        }
    }

    /// <summary>One block released at <paramref name="release"/>, processed from t0 to t1 (wall) and c0 to c1 (thread CPU).</summary>
    public void Record(long release, long periodNs, bool paced, long t0, long t1, long c0, long c1)
    {
        long took = t1 - t0;
        BusyNs += took;
        Processing.RecordValue(Math.Max(1, took));
        Cpu.RecordValue(Math.Max(1, c1 - c0));
        if (!paced)
        {
            return;
        }

        Response.RecordValue(Math.Max(1, t1 - release));
        Wake.RecordValue(Math.Max(1, t0 - release));
        if (t1 > release + periodNs)
        {
            Misses++; // done after the next block arrived: a sound card would have under-run

            // Attribution: the pipeline's own work (thread CPU) vs the time the thread could not run
            // (late wake-up: timer, hypervisor, quota throttling left by earlier work).
            MissedOwnCpuMaxNs = Math.Max(MissedOwnCpuMaxNs, c1 - c0);
            MissedWakeMinNs = Math.Min(MissedWakeMinNs, t0 - release);
        }
    }
}
