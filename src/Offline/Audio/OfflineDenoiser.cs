using System.Diagnostics;
using RtDenoise.Engine;
using RtDenoise.Engine.Chain;

namespace RtDenoise.Offline.Audio;

/// <summary>What a file run did, for the summary line and `--json`.</summary>
public sealed record OfflineDenoiseResult(
    double InputSeconds,
    double ProcessingSeconds,
    int SampleRate,
    int Channels,
    long Frames,
    double LatencyMilliseconds,
    string Processor)
{
    /// <summary>Input samples replaced because they were NaN, ±Inf or absurdly large (all channels, all stages).</summary>
    public long SanitisedSamples { get; init; }

    /// <summary>Times a stage's state was reset because its output went non-finite.</summary>
    public long StateResets { get; init; }

    /// <summary>Processing time / audio time (below 1 = faster than real time).</summary>
    public double RealTimeFactor => InputSeconds > 0 ? ProcessingSeconds / InputSeconds : 0;
}

/// <summary>
/// File mode: denoises a WAV file into another with the same rate, channel count, sample format and length, each
/// channel through its own <see cref="Denoiser"/> or <see cref="IAudioProcessor"/> (e.g. a <see cref="ProcessorChain"/>).
/// The latency is compensated: the input is followed by
/// <c>LatencySamples</c> zeros and the first <c>LatencySamples</c> outputs are dropped, so output sample i is
/// aligned with input sample i. The output is written atomically (temp file + rename).
/// </summary>
public static class OfflineDenoiser
{
    private const int BlockFrames = 4096;

    /// <param name="createDenoiser">Makes one denoiser for the file's sample rate (called once per channel).</param>
    /// <param name="progress">Called with the fraction done (0..1) after each block; may be null.</param>
    public static OfflineDenoiseResult Run(
        string inputPath,
        string outputPath,
        Func<int, Denoiser> createDenoiser,
        Action<double>? progress = null,
        CancellationToken cancel = default)
    {
        return Run(inputPath, outputPath, rate => new DenoiserProcessor(createDenoiser(rate)), progress, cancel);
    }

    /// <param name="createProcessor">
    /// Makes one unconfigured processor per channel (called once per channel with the file's rate); it is configured
    /// here and disposed at the end. Its <see cref="IAudioProcessor.LatencySamples"/> is compensated.
    /// </param>
    /// <param name="progress">Called with the fraction done (0..1) after each block; may be null.</param>
    public static OfflineDenoiseResult Run(
        string inputPath,
        string outputPath,
        Func<int, IAudioProcessor> createProcessor,
        Action<double>? progress = null,
        CancellationToken cancel = default)
    {
        // By identity, not path text: 'link/x.wav' with link -> d, or a hard link, is the input under another name.
        if (FileIdentity.SameFile(inputPath, outputPath))
        {
            throw new IOException($"refusing to overwrite the input: output '{outputPath}' is the same file as input '{inputPath}' (same device and inode).");
        }

        using WavReader reader = WavReader.Open(inputPath);
        int ch = reader.Channels;
        var denoisers = new IAudioProcessor[ch];
        try
        {
            for (int c = 0; c < ch; c++)
            {
                denoisers[c] = createProcessor(reader.SampleRate);
                denoisers[c].Configure(reader.SampleRate, BlockFrames);
            }

            int latency = denoisers[0].LatencySamples;
            var stopwatch = Stopwatch.StartNew();
            using (var atomic = new AtomicFileWriter(outputPath, requireSeekable: true))
            {
                using (var writer = new WavWriter(atomic.Stream, reader.Format, reader.Encoding))
                {
                    Pump(reader, writer, denoisers, latency, progress, cancel);
                }

                atomic.Commit();
            }

            stopwatch.Stop();
            return new OfflineDenoiseResult(
                reader.DurationSeconds,
                stopwatch.Elapsed.TotalSeconds,
                reader.SampleRate,
                ch,
                reader.FrameCount,
                latency * 1000.0 / reader.SampleRate,
                denoisers[0].Name)
            {
                SanitisedSamples = denoisers.Sum(d => d.SanitisedSamples),
                StateResets = denoisers.Sum(d => d.StateResets),
            };
        }
        finally
        {
            foreach (IAudioProcessor? d in denoisers)
            {
                d?.Dispose();
            }
        }
    }

    private static void Pump(WavReader reader, WavWriter writer, IAudioProcessor[] denoisers, int latency, Action<double>? progress, CancellationToken cancel)
    {
        int ch = reader.Channels;
        long total = reader.FrameCount;
        var interleaved = new float[BlockFrames * ch];
        var planarOut = new float[ch][];
        for (int c = 0; c < ch; c++)
        {
            planarOut[c] = new float[BlockFrames];
        }

        long read = 0;
        long toDrop = latency;      // leading outputs that precede input sample 0
        long written = 0;
        long flushLeft = latency;   // zeros fed after the input ends
        while (written < total)
        {
            cancel.ThrowIfCancellationRequested();
            int n;
            if (read < total)
            {
                n = reader.ReadFrames(interleaved);
                if (n == 0)
                {
                    throw new InvalidAudioFileException($"'{reader.Path}' ended early at frame {read} of {total}.");
                }

                read += n;
            }
            else
            {
                n = (int)Math.Min(BlockFrames, flushLeft);
                if (n == 0)
                {
                    throw new InvalidOperationException("internal: latency flush exhausted before the output was complete.");
                }

                interleaved.AsSpan(0, n * ch).Clear();
                flushLeft -= n;
            }

            for (int c = 0; c < ch; c++)
            {
                float[] planar = planarOut[c];
                for (int i = 0; i < n; i++)
                {
                    planar[i] = interleaved[(i * ch) + c];
                }

                denoisers[c].Process(planar.AsSpan(0, n));
            }

            int skip = (int)Math.Min(toDrop, n);
            toDrop -= skip;
            int keep = (int)Math.Min(n - skip, total - written);
            if (keep > 0)
            {
                for (int i = 0; i < keep; i++)
                {
                    for (int c = 0; c < ch; c++)
                    {
                        interleaved[(i * ch) + c] = planarOut[c][skip + i];
                    }
                }

                writer.WriteFrames(interleaved.AsSpan(0, keep * ch));
                written += keep;
            }

            progress?.Invoke(total == 0 ? 1 : (double)written / total);
        }
    }
}
