using RtDenoise.Offline.Metrics.Signals;
namespace RtDenoise.Offline.Metrics;

/// <summary>
/// STOI, ESTOI and SI-SDR of two WAV files streamed from disk (<see cref="SpeechMetricsStream"/>'s two passes over
/// <see cref="MonoBlockReader"/>s): memory stays at a few blocks whatever the files' length, where loading them
/// whole took about 2.6 GB per hour of audio.
/// </summary>
public static class SpeechMetricsFiles
{
    /// <summary>Both passes over the readers' <see cref="MonoBlockReader.Limit"/> frames, which must be equal.</summary>
    /// <exception cref="SignalLengthMismatchException">The limits differ.</exception>
    /// <exception cref="NonFiniteSampleException">A sample is NaN or infinite.</exception>
    public static SpeechMetricsResult Compute(MonoBlockReader clean, MonoBlockReader processed)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(processed);
        if (clean.Limit != processed.Limit)
        {
            throw new SignalLengthMismatchException(clean.Limit, processed.Limit);
        }

        var stream = new SpeechMetricsStream(clean.SampleRate);
        var c = new double[4096];
        var p = new double[4096];
        for (int pass = 0; pass < 2; pass++)
        {
            clean.Rewind();
            processed.Rewind();
            int n;
            while ((n = clean.Read(c)) > 0)
            {
                ReadExactly(processed, p.AsSpan(0, n));
                if (pass == 0)
                {
                    stream.AddFirstPass(c.AsSpan(0, n), p.AsSpan(0, n));
                }
                else
                {
                    stream.AddSecondPass(c.AsSpan(0, n), p.AsSpan(0, n));
                }
            }
        }

        return stream.Finish();
    }

    private static void ReadExactly(MonoBlockReader reader, Span<double> block)
    {
        int got = 0;
        while (got < block.Length)
        {
            int n = reader.Read(block[got..]);
            if (n == 0)
            {
                throw new InvalidOperationException("the processed file gave fewer samples than its length promised.");
            }

            got += n;
        }
    }
}
