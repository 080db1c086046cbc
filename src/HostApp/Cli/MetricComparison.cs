using System.Globalization;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Pesq;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Runs the speech metrics (with PESQ) on two files, streamed (`metrics`) or already loaded (`eval`), and turns the
/// metrics' input errors into <see cref="UserInputException"/>s that name the files.
/// </summary>
internal static class MetricComparison
{
    /// <summary>
    /// The longest pair PESQ is run on, seconds. P.862 is defined on utterances of 8–20 s and needs the whole pair in
    /// memory (about 3 MB per second of audio at 16 kHz), so a longer pair gets STOI, ESTOI and SI-SDR, streamed in
    /// constant memory, and no PESQ, with a note saying why: 2 minutes bound the command at about half a gigabyte.
    /// </summary>
    public const int PesqMaxSeconds = 120;

    /// <summary>`metrics`: streams both files (two passes, a few blocks of memory); PESQ loads them when they are
    /// at most <see cref="PesqMaxSeconds"/> long.</summary>
    public static SpeechMetricsResult CompareFiles(string cleanPath, string processedPath, bool trim)
    {
        string cleanName = Path.GetFileName(cleanPath), processedName = Path.GetFileName(processedPath);
        using var clean = new MonoBlockReader(cleanPath);
        using var processed = new MonoBlockReader(processedPath);
        RequireSameRate(cleanName, clean.SampleRate, processedName, processed.SampleRate);
        if (trim)
        {
            long n = Math.Min(clean.FrameCount, processed.FrameCount);
            clean.LimitTo(n);
            processed.LimitTo(n);
        }

        return Guard(cleanName, processedName, () =>
        {
            SpeechMetricsResult r = SpeechMetricsFiles.Compute(clean, processed);
            double seconds = clean.Limit / (double)clean.SampleRate;
            if (seconds > PesqMaxSeconds)
            {
                return r with
                {
                    PesqSkipped = string.Create(
                        CultureInfo.InvariantCulture,
                        $"PESQ is not computed for pairs longer than {PesqMaxSeconds} s (these are {seconds:0.#} s): P.862 scores utterances of 8–20 s and holds the whole pair in memory; cut an excerpt to score it"),
                };
            }

            float[] c = ReadPass(clean), p = ReadPass(processed);
            return r with { Pesq = PesqScores.Compute(c, p, clean.SampleRate) };
        });
    }

    /// <summary>`eval`: the same metrics on signals already in memory.</summary>
    public static SpeechMetricsResult Compare(
        string cleanName, float[] clean, int cleanRate, string processedName, float[] processed, int processedRate, bool trim)
    {
        RequireSameRate(cleanName, cleanRate, processedName, processedRate);
        return Guard(cleanName, processedName, () => SpeechMetrics.Compute(clean, processed, cleanRate, trim, withPesq: true));
    }

    private static void RequireSameRate(string cleanName, int cleanRate, string processedName, int processedRate)
    {
        if (cleanRate != processedRate)
        {
            throw new UserInputException(
                $"sample rates differ: '{cleanName}' is {cleanRate} Hz, '{processedName}' is {processedRate} Hz (resample one of them first).");
        }
    }

    // One pass of a reader (at most PesqMaxSeconds long) as floats, for PESQ.
    private static float[] ReadPass(MonoBlockReader reader)
    {
        reader.Rewind();
        var all = new float[reader.Limit];
        var block = new double[4096];
        int pos = 0, n;
        while ((n = reader.Read(block)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                all[pos + i] = (float)block[i];
            }

            pos += n;
        }

        return all;
    }

    private static SpeechMetricsResult Guard(string cleanName, string processedName, Func<SpeechMetricsResult> compare)
    {
        try
        {
            return compare();
        }
        catch (SignalLengthMismatchException ex)
        {
            throw new UserInputException(
                $"lengths differ: '{cleanName}' has {ex.CleanLength} samples, '{processedName}' has {ex.ProcessedLength} (use --trim to compare the common part).", ex);
        }
        catch (NonFiniteSampleException ex)
        {
            string file = ex.Signal == "clean" ? cleanName : processedName;
            throw new UserInputException($"'{file}' has a non-finite sample (NaN or infinity) at frame {ex.Index}.", ex);
        }
        catch (PesqInputException ex)
        {
            throw new UserInputException($"PESQ cannot score '{processedName}' against '{cleanName}': {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException($"cannot compare '{processedName}' with '{cleanName}': {ex.Message}", ex);
        }
    }
}
