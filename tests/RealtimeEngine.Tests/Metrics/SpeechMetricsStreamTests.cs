using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>
/// The streamed metrics: the block size does not change the result, memory does not grow with the length, and files
/// read block by block score as the same signals loaded whole. (The values themselves are checked against pystoi by
/// <see cref="StoiReferenceTests"/>, through the same stream.)
/// </summary>
public sealed class SpeechMetricsStreamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtdenoise-metrics-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(8000, 1)]
    [InlineData(10000, 37)]
    [InlineData(16000, 129)]
    [InlineData(44100, 4096)]
    [InlineData(48000, 1000)]
    public void AnyBlockSizeGivesTheWholeSignalResult(int rate, int block)
    {
        double[] clean = TestSignals.SpeechLike(rate, 3, seed: 5);
        double[] noise = TestSignals.WhiteNoise(clean.Length, 0.05, seed: 6);
        double[] noisy = clean.Select((v, i) => v + noise[i]).ToArray();
        SpeechMetricsResult whole = SpeechMetricsStream.Run(clean, noisy, rate);

        SpeechMetricsResult streamed = Stream(clean, noisy, rate, block);

        // The resampler's dot products may meet their inputs at other addresses, so the last bits can differ.
        Assert.Equal(whole.Stoi, streamed.Stoi, 1e-12);
        Assert.Equal(whole.Estoi, streamed.Estoi, 1e-12);
        Assert.Equal(whole.SiSdrDb, streamed.SiSdrDb, 1e-12);
        Assert.InRange(whole.Stoi, 0.5, 0.99);
    }

    [Fact]
    public void MemoryDoesNotGrowWithTheLength()
    {
        long Allocated(double seconds)
        {
            double[] clean = TestSignals.SpeechLike(16000, seconds, seed: 7);
            double[] noisy = clean.Select((v, i) => v * 0.5).ToArray();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Stream(clean, noisy, 16000, 4096);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(1); // first use: static tables and JIT
        long shortRun = Allocated(5);
        long longRun = Allocated(60);

        // The whole-signal form held ~60 doubles per input sample; a minute at 16 kHz would be tens of megabytes.
        Assert.True(longRun - shortRun < 16 * 1024, $"5 s allocated {shortRun} B, 60 s allocated {longRun} B");
        Assert.True(longRun < 1024 * 1024, $"60 s allocated {longRun} B");
    }

    [Fact]
    public void ANonFiniteSampleIsReportedAtItsIndexFromTheStart()
    {
        double[] clean = TestSignals.SpeechLike(16000, 1);
        double[] processed = (double[])clean.Clone();
        processed[10_000] = double.NaN;
        var stream = new SpeechMetricsStream(16000);
        stream.AddFirstPass(clean.AsSpan(0, 8000), processed.AsSpan(0, 8000));
        var ex = Assert.Throws<NonFiniteSampleException>(() => stream.AddFirstPass(clean.AsSpan(8000), processed.AsSpan(8000)));
        Assert.Equal("processed", ex.Signal);
        Assert.Equal(10_000, ex.Index);
    }

    [Fact]
    public void ASecondPassThatDiffersFromTheFirstIsRefused()
    {
        double[] x = TestSignals.SpeechLike(16000, 1);
        var longer = new SpeechMetricsStream(16000);
        longer.AddFirstPass(x.AsSpan(0, 100), x.AsSpan(0, 100));
        Assert.Throws<InvalidOperationException>(() => longer.AddSecondPass(x.AsSpan(0, 101), x.AsSpan(0, 101)));

        var shorter = new SpeechMetricsStream(16000);
        shorter.AddFirstPass(x, x);
        shorter.AddSecondPass(x.AsSpan(1), x.AsSpan(1));
        Assert.Throws<InvalidOperationException>(() => shorter.Finish());
    }

    [Fact]
    public void AStereoFileReadInBlocksScoresAsItsMixdownLoadedWhole()
    {
        float[] left = TestSignals.SpeechLike(48000, 2, seed: 8).Select(v => (float)v).ToArray();
        float[] right = left.Select((v, i) => (0.5f * v) + (0.01f * MathF.Sin(i))).ToArray();
        float[] processed = left.Select((v, i) => (0.8f * v) + (0.02f * MathF.Sin(i * 0.7f))).ToArray();
        string c = Path.Combine(_dir, "clean.wav"), p = Path.Combine(_dir, "processed.wav");
        WavWriter.WriteAll(c, [left, right], 48000, SampleEncoding.Float32);
        WavWriter.WriteAll(p, [processed, processed], 48000, SampleEncoding.Float32);

        using var cleanReader = new MonoBlockReader(c);
        using var processedReader = new MonoBlockReader(p);
        SpeechMetricsResult streamed = SpeechMetricsFiles.Compute(cleanReader, processedReader);
        SpeechMetricsResult loaded = SpeechMetrics.Compute(MetricAudio.MixDown([left, right]), processed, 48000);

        Assert.Equal(loaded.Stoi, streamed.Stoi, 1e-12);
        Assert.Equal(loaded.Estoi, streamed.Estoi, 1e-12);
        Assert.Equal(loaded.SiSdrDb, streamed.SiSdrDb, 1e-12);
    }

    [Fact]
    public void ReadersLimitedToTheShorterLengthScoreTheCommonPart()
    {
        float[] clean = TestSignals.SpeechLike(16000, 2, seed: 9).Select(v => (float)v).ToArray();
        float[] longer = [.. clean.Select(v => 0.7f * v), .. new float[1234]];
        string c = Path.Combine(_dir, "c.wav"), p = Path.Combine(_dir, "p.wav");
        WavWriter.WriteAll(c, [clean], 16000, SampleEncoding.Float32);
        WavWriter.WriteAll(p, [longer], 16000, SampleEncoding.Float32);

        using var cleanReader = new MonoBlockReader(c);
        using var processedReader = new MonoBlockReader(p);
        Assert.Throws<SignalLengthMismatchException>(() => SpeechMetricsFiles.Compute(cleanReader, processedReader));
        processedReader.LimitTo(cleanReader.FrameCount);
        SpeechMetricsResult streamed = SpeechMetricsFiles.Compute(cleanReader, processedReader);
        SpeechMetricsResult trimmed = SpeechMetrics.Compute(clean, longer, 16000, trimToShorter: true);
        Assert.Equal(trimmed.Stoi, streamed.Stoi, 1e-12);
        Assert.Equal(trimmed.SiSdrDb, streamed.SiSdrDb, 1e-12);
    }

    private static SpeechMetricsResult Stream(double[] clean, double[] processed, int rate, int block)
    {
        var stream = new SpeechMetricsStream(rate);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < clean.Length; i += block)
            {
                int n = Math.Min(block, clean.Length - i);
                if (pass == 0)
                {
                    stream.AddFirstPass(clean.AsSpan(i, n), processed.AsSpan(i, n));
                }
                else
                {
                    stream.AddSecondPass(clean.AsSpan(i, n), processed.AsSpan(i, n));
                }
            }
        }

        return stream.Finish();
    }
}
