using HdrHistogram;
using RtDenoise.Engine;
using RtDenoise.Engine.Resampling;
using RtDenoise.Offline.Audio;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>
/// Feeds audio through a <see cref="Denoiser"/> in device-sized blocks, as a sound card would: paced (block k is
/// released at start + k·period and must be done by its successor's release) or unpaced (back to back, for
/// throughput). Per-block processing time goes into an HdrHistogram; GC collections and allocated bytes are
/// counted over the timed loop only (everything is allocated before it starts).
/// </summary>
internal static class StreamHarness
{
    public static StreamResult Run(StreamSettings s, Func<CpuQuota?> enterQuota, float[]? timelineUs = null)
    {
        float[] audio = LoadAt(s.InputPath, s.SampleRate);
        int block = s.BlockFrames;
        long blocks = (long)Math.Ceiling(s.DurationSeconds * s.SampleRate / block);
        using Denoiser denoiser = DenoiserFactory.Create(s.Processor, s.ModelPath, s.SampleRate);
        var inBuf = new float[block];
        var outBuf = new float[block];
        var histogram = new LongHistogram(TimeSpan.TicksPerHour, 3); // ns values up to 36 s, 3 significant digits
        var response = new LongHistogram(TimeSpan.TicksPerHour, 3);  // release → done (includes wake-up delay)
        var cpu = new LongHistogram(TimeSpan.TicksPerHour, 3);       // the thread's own CPU time per block
        var wake = new LongHistogram(TimeSpan.TicksPerHour, 3);      // release → start of processing
        long periodNs = (long)Math.Round(block * 1e9 / s.SampleRate);
        bool pinned = NativeScheduling.PinCurrentThread(s.PinCpu);

        // Warm-up: tiered JIT promotes the hot path to optimised code before timing starts (three seconds of
        // audio, then a pause for the background compiler). Only then is the CPU quota applied: the quota covers
        // the whole process, and start-up JIT work would otherwise be billed to the first streamed blocks.
        int pos = 0;
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < Math.Max(1, s.SampleRate / block); i++)
            {
                pos = Fill(audio, pos, inBuf);
                denoiser.Process(inBuf, outBuf);
            }

            Thread.Sleep(200);
        }

        using CpuQuota? quota = enterQuota();

        // Resolve the lazily bound native calls (clock_gettime, clock_nanosleep) before the counted region.
        // Same for the histogram's first record (type initialisation allocates once).
        NativeScheduling.SleepUntil(NativeScheduling.NowNs());
        histogram.RecordValue(1);
        histogram.Reset();
        response.RecordValue(1);
        response.Reset();
        cpu.RecordValue(1);
        cpu.Reset();
        wake.RecordValue(1);
        wake.Reset();
        _ = NativeScheduling.ThreadCpuNs();
        denoiser.Reset();
        long throttledBefore = quota?.ThrottledMicroseconds() ?? 0;
        int gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        long misses = 0, busyNs = 0, missedOwnCpuMaxNs = 0, missedWakeMinNs = long.MaxValue;
        long start = NativeScheduling.NowNs();
        for (long k = 0; k < blocks; k++)
        {
            long release = start + (k * periodNs);
            if (s.Paced)
            {
                NativeScheduling.SleepUntil(release);
            }

            long t0 = NativeScheduling.NowNs();
            long c0 = NativeScheduling.ThreadCpuNs();
            pos = Fill(audio, pos, inBuf);
            denoiser.Process(inBuf, outBuf);
            long c1 = NativeScheduling.ThreadCpuNs();
            long t1 = NativeScheduling.NowNs();
            long took = t1 - t0;
            busyNs += took;
            histogram.RecordValue(Math.Max(1, took));
            cpu.RecordValue(Math.Max(1, c1 - c0));
            if (s.Paced)
            {
                response.RecordValue(Math.Max(1, t1 - release));
                wake.RecordValue(Math.Max(1, t0 - release));
                if (t1 > release + periodNs)
                {
                    misses++; // done after the next block arrived: a sound card would have under-run

                    // Attribution: the pipeline's own work (thread CPU) vs the time the thread could not run
                    // (late wake-up: timer, hypervisor, quota throttling left by earlier work).
                    missedOwnCpuMaxNs = Math.Max(missedOwnCpuMaxNs, c1 - c0);
                    missedWakeMinNs = Math.Min(missedWakeMinNs, t0 - release);
                }
            }

            if (timelineUs is not null && k < timelineUs.Length)
            {
                timelineUs[k] = took / 1000f;
            }
        }

        long end = NativeScheduling.NowNs();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        int gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        long throttled = (quota?.ThrottledMicroseconds() ?? 0) - throttledBefore;

        return new StreamResult(
            s,
            denoiser.Name,
            blocks,
            misses,
            histogram.GetValueAtPercentile(50) / 1000.0,
            histogram.GetValueAtPercentile(90) / 1000.0,
            histogram.GetValueAtPercentile(99) / 1000.0,
            histogram.GetValueAtPercentile(99.9) / 1000.0,
            histogram.GetMaxValue() / 1000.0,
            histogram.GetMean() / 1000.0,
            s.Paced ? response.GetValueAtPercentile(99) / 1000.0 : 0,
            s.Paced ? response.GetMaxValue() / 1000.0 : 0,
            cpu.GetValueAtPercentile(99.9) / 1000.0,
            cpu.GetMaxValue() / 1000.0,
            s.Paced ? wake.GetValueAtPercentile(99) / 1000.0 : 0,
            s.Paced ? wake.GetMaxValue() / 1000.0 : 0,
            misses > 0 ? missedOwnCpuMaxNs / 1000.0 : 0,
            misses > 0 ? missedWakeMinNs / 1000.0 : 0,
            blocks * (double)block / s.SampleRate,
            (end - start) / 1e9,
            busyNs / 1e9,
            gcs,
            allocated,
            denoiser.LatencyMilliseconds,
            quota?.Fraction,
            throttled,
            ProcessFootprint.PeakRssBytes(),
            GC.GetTotalMemory(forceFullCollection: false),
            pinned);
    }

    /// <summary>Copies the next block from the looped source.</summary>
    private static int Fill(float[] audio, int pos, float[] dest)
    {
        for (int i = 0; i < dest.Length; i++)
        {
            dest[i] = audio[pos];
            pos = pos + 1 == audio.Length ? 0 : pos + 1;
        }

        return pos;
    }

    /// <summary>Loads channel 0 of a WAV and converts it to the device rate (outside the timed loop).</summary>
    private static float[] LoadAt(string path, int rate)
    {
        float[][] channels = WavReader.ReadAllChannels(path, out int fileRate);
        float[] x = channels[0];
        if (fileRate == rate)
        {
            return x;
        }

        var r = new PolyphaseResampler(fileRate, rate);
        var y = new float[r.MaxOutputFor(x.Length)];
        int n = r.Process(x, y);
        return y[..n];
    }
}
