namespace RtDenoise.Offline.Metrics;

/// <summary>
/// "Removes noise" and "keeps speech" as two numbers, from the clean reference's activity in 20 ms
/// frames: speech frames are within <see cref="SpeechRangeDb"/> of the loudest clean frame, pause frames more than
/// <see cref="PauseRangeDb"/> below it (between the two: neither, as STOI's 40 dB range leaves them).
/// </summary>
/// <remarks>
/// <code>
///   pause attenuation  = 10·log10( Σ_pause noisy² / Σ_pause processed² )            dB, &gt; 0 = noise removed
///   speech level change = 20·log10( ⟨processed, clean⟩ / ⟨clean, clean⟩ ) over speech frames   dB, 0 = kept
/// </code>
/// The speech level is the projection of the output on the clean speech (the scale SI-SDR fits), so residual
/// noise, being uncorrelated with the speech, does not count as kept speech. Signals must be time-aligned (as
/// <c>rtdenoise denoise</c> writes them). A file without pause (or speech) frames gives NaN for that figure.
/// </remarks>
public static class SuppressionMetrics
{
    public const double SpeechRangeDb = 30;
    public const double PauseRangeDb = 45;
    public const double FrameSeconds = 0.02;

    public static (double PauseAttenuationDb, double SpeechLevelChangeDb) Compute(
        ReadOnlySpan<float> clean, ReadOnlySpan<float> noisy, ReadOnlySpan<float> processed, int sampleRate)
    {
        int n = Math.Min(clean.Length, Math.Min(noisy.Length, processed.Length));
        int frame = Math.Max(1, (int)Math.Round(FrameSeconds * sampleRate));
        int frames = n / frame;
        if (frames == 0)
        {
            return (double.NaN, double.NaN);
        }

        var energy = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++)
        {
            double e = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++)
            {
                e += (double)clean[i] * clean[i];
            }

            energy[f] = e;
            loudest = Math.Max(loudest, e);
        }

        if (loudest <= 0)
        {
            return (double.NaN, double.NaN);
        }

        double speechThreshold = loudest * Math.Pow(10, -SpeechRangeDb / 10);
        double pauseThreshold = loudest * Math.Pow(10, -PauseRangeDb / 10);
        double pauseNoisy = 0, pauseProcessed = 0, cross = 0, cleanPower = 0;
        bool anyPause = false, anySpeech = false;
        for (int f = 0; f < frames; f++)
        {
            int start = f * frame;
            if (energy[f] >= speechThreshold)
            {
                anySpeech = true;
                for (int i = start; i < start + frame; i++)
                {
                    cross += (double)processed[i] * clean[i];
                    cleanPower += (double)clean[i] * clean[i];
                }
            }
            else if (energy[f] < pauseThreshold)
            {
                anyPause = true;
                for (int i = start; i < start + frame; i++)
                {
                    pauseNoisy += (double)noisy[i] * noisy[i];
                    pauseProcessed += (double)processed[i] * processed[i];
                }
            }
        }

        double attenuation = anyPause && pauseNoisy > 0
            ? 10 * Math.Log10(pauseNoisy / Math.Max(pauseProcessed, 1e-30))
            : double.NaN;
        double level = anySpeech && cleanPower > 0 && cross > 0 ? 20 * Math.Log10(cross / cleanPower) : double.NaN;
        return (Math.Min(attenuation, 200), level);
    }
}
