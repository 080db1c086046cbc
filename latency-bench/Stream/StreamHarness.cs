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
        long blocks = (long)Math.Ceiling(s.DurationSeconds * s.SampleRate / s.BlockFrames);
        using Denoiser denoiser = DenoiserFactory.Create(s.Processor, s.ModelPath, s.SampleRate);
        var source = new LoopedSource(audio, s.BlockFrames);
        var timings = new BlockTimings();
        bool pinned = NativeScheduling.PinCurrentThread(s.PinCpu);
        WarmUp(denoiser, source, s);

        using CpuQuota? quota = enterQuota();
        PrepareTimedRegion(denoiser, timings);
        long throttledBefore = quota?.ThrottledMicroseconds() ?? 0;
        int gcBefore = GcCount();
        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = NativeScheduling.NowNs();
        StreamBlocks(denoiser, source, timings, s, blocks, start, timelineUs);
        long end = NativeScheduling.NowNs();
        var counted = new CountedRegion(
            start,
            end,
            GcCount() - gcBefore,
            GC.GetAllocatedBytesForCurrentThread() - allocBefore,
            (quota?.ThrottledMicroseconds() ?? 0) - throttledBefore);
        return Result(s, denoiser, blocks, timings, counted, quota, pinned);
    }

    /// <summary>
    /// Tiered JIT promotes the hot path to optimised code before timing starts (three seconds of audio, then a
    /// pause for the background compiler). Only then is the CPU quota applied: the quota covers the whole process,
    /// and start-up JIT work would otherwise be billed to the first streamed blocks.
    /// </summary>
    private static void WarmUp(Denoiser denoiser, LoopedSource source, StreamSettings s)
    {
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < Math.Max(1, s.SampleRate / s.BlockFrames); i++)
            {
                denoiser.Process(source.Next(), source.Output);
            }

            Thread.Sleep(200);
        }
    }

    /// <summary>Resolves the lazily bound native calls (clock_gettime, clock_nanosleep) and the histograms' first
    /// record (type initialisation allocates once) before the counted region, then resets the denoiser.</summary>
    private static void PrepareTimedRegion(Denoiser denoiser, BlockTimings timings)
    {
        NativeScheduling.SleepUntil(NativeScheduling.NowNs());
        timings.Prime();
        _ = NativeScheduling.ThreadCpuNs();
        denoiser.Reset();
    }

    /// <summary>The timed loop: paced (block k released at start + k·period) or back to back.</summary>
    private static void StreamBlocks(Denoiser denoiser, LoopedSource source, BlockTimings timings, StreamSettings s, long blocks,
        long start, float[]? timelineUs)
    {
        long periodNs = (long)Math.Round(s.BlockFrames * 1e9 / s.SampleRate);
        for (long k = 0; k < blocks; k++)
        {
            long release = start + (k * periodNs);
            if (s.Paced)
            {
                NativeScheduling.SleepUntil(release);
            }

            long t0 = NativeScheduling.NowNs();
            long c0 = NativeScheduling.ThreadCpuNs();
            denoiser.Process(source.Next(), source.Output);
            long c1 = NativeScheduling.ThreadCpuNs();
            long t1 = NativeScheduling.NowNs();
            timings.Record(release, periodNs, s.Paced, t0, t1, c0, c1);
            if (timelineUs is not null && k < timelineUs.Length)
            {
                timelineUs[k] = (t1 - t0) / 1000f;
            }
        }
    }

    private static int GcCount() => GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);

    private static StreamResult Result(StreamSettings s, Denoiser denoiser, long blocks, BlockTimings t, CountedRegion counted,
        CpuQuota? quota, bool pinned)
    {
        long misses = t.Misses;
        return new StreamResult(
            s,
            denoiser.Name,
            blocks,
            misses,
            t.Processing.GetValueAtPercentile(50) / 1000.0,
            t.Processing.GetValueAtPercentile(90) / 1000.0,
            t.Processing.GetValueAtPercentile(99) / 1000.0,
            t.Processing.GetValueAtPercentile(99.9) / 1000.0,
            t.Processing.GetMaxValue() / 1000.0,
            t.Processing.GetMean() / 1000.0,
            s.Paced ? t.Response.GetValueAtPercentile(99) / 1000.0 : 0,
            s.Paced ? t.Response.GetMaxValue() / 1000.0 : 0,
            t.Cpu.GetValueAtPercentile(99.9) / 1000.0,
            t.Cpu.GetMaxValue() / 1000.0,
            s.Paced ? t.Wake.GetValueAtPercentile(99) / 1000.0 : 0,
            s.Paced ? t.Wake.GetMaxValue() / 1000.0 : 0,
            misses > 0 ? t.MissedOwnCpuMaxNs / 1000.0 : 0,
            misses > 0 ? t.MissedWakeMinNs / 1000.0 : 0,
            blocks * (double)s.BlockFrames / s.SampleRate,
            (counted.EndNs - counted.StartNs) / 1e9,
            t.BusyNs / 1e9,
            counted.Collections,
            counted.AllocatedBytes,
            denoiser.LatencyMilliseconds,
            quota?.Fraction,
            counted.ThrottledMicroseconds,
            ProcessFootprint.PeakRssBytes(),
            GC.GetTotalMemory(forceFullCollection: false),
            pinned);
    }

    /// <summary>What was counted over the timed loop: its span, GC collections, bytes allocated, quota throttling.</summary>
    private readonly record struct CountedRegion(long StartNs, long EndNs, int Collections, long AllocatedBytes, long ThrottledMicroseconds);

    /// <summary>The input looped block by block, as a device would deliver it, with the block's output buffer.</summary>
    private sealed class LoopedSource(float[] audio, int block)
    {
        private readonly float[] _in = new float[block];
        private int _pos;

        public float[] Output { get; } = new float[block];

        /// <summary>Copies the next block from the looped source.</summary>
        public float[] Next()
        {
            for (int i = 0; i < _in.Length; i++)
            {
                _in[i] = audio[_pos];
                _pos = _pos + 1 == audio.Length ? 0 : _pos + 1;
            }

            return _in;
        }
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
