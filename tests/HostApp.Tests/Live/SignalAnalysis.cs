using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>Cross-correlation alignment and simple level measures for judging recordings that may have dropouts.</summary>
internal static class SignalAnalysis
{
    /// <summary>
    /// Lag (in samples) at which <paramref name="late"/> best matches <paramref name="early"/>: late[n + lag] ≈ early[n],
    /// searched in [minLag, maxLag], by FFT cross-correlation. Also returns the normalised peak (−1..1).
    /// </summary>
    public static (int Lag, double Peak) Align(float[] early, float[] late, int minLag, int maxLag)
    {
        int n = early.Length + late.Length;
        int size = 1;
        while (size < n)
        {
            size <<= 1;
        }

        var a = new Complex[size];
        var b = new Complex[size];
        for (int i = 0; i < early.Length; i++)
        {
            a[i] = early[i];
        }

        for (int i = 0; i < late.Length; i++)
        {
            b[i] = late[i];
        }

        Fourier.Forward(a, FourierOptions.NoScaling);
        Fourier.Forward(b, FourierOptions.NoScaling);
        for (int i = 0; i < size; i++)
        {
            b[i] *= Complex.Conjugate(a[i]);
        }

        Fourier.Inverse(b, FourierOptions.NoScaling);
        int bestLag = minLag;
        double best = double.NegativeInfinity;
        for (int lag = minLag; lag <= maxLag; lag++)
        {
            double v = b[((lag % size) + size) % size].Real;
            if (v > best)
            {
                best = v;
                bestLag = lag;
            }
        }

        // Normalise over the overlapping part.
        double ee = 0, ll = 0;
        for (int i = 0; i < early.Length; i++)
        {
            int j = i + bestLag;
            if (j >= 0 && j < late.Length)
            {
                ee += early[i] * (double)early[i];
                ll += late[j] * (double)late[j];
            }
        }

        double peak = best / size / Math.Sqrt(Math.Max(ee * ll, 1e-30));
        return (bestLag, peak);
    }

    /// <summary>late[start .. start+length), zero-padded where the recording is shorter.</summary>
    public static float[] Segment(float[] x, int start, int length)
    {
        var y = new float[length];
        for (int i = 0; i < length; i++)
        {
            int j = start + i;
            if (j >= 0 && j < x.Length)
            {
                y[i] = x[j];
            }
        }

        return y;
    }

    /// <summary>SNR (dB) of <paramref name="estimate"/> against <paramref name="clean"/> after the least-squares gain.</summary>
    public static double ScaledSnrDb(float[] clean, float[] estimate)
    {
        double cc = 0, ce = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            cc += clean[i] * (double)clean[i];
            ce += clean[i] * (double)estimate[i];
        }

        double g = ce / Math.Max(cc, 1e-30);
        double signal = 0, error = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            double s = g * clean[i];
            double e = estimate[i] - s;
            signal += s * s;
            error += e * e;
        }

        return 10 * Math.Log10(signal / Math.Max(error, 1e-30));
    }

    /// <summary>
    /// Median over speech chunks (0.2 s whose clean energy is within 20 dB of the loudest chunk) of the scaled SNR,
    /// each chunk re-aligned within ±<paramref name="searchSamples"/>. A live recording is shifted by every
    /// underrun (silence inserted) and fill resync (samples dropped), so one global alignment misjudges everything
    /// after the first glitch; the median over locally aligned chunks tolerates short dropouts.
    /// </summary>
    public static double MedianChunkSnrDb(float[] clean, float[] estimate, int sampleRate, int searchSamples)
    {
        int chunk = sampleRate / 5;
        var energies = new List<(int Start, double Energy)>();
        for (int s = searchSamples; s + chunk + searchSamples <= clean.Length; s += chunk)
        {
            energies.Add((s, Energy(clean, s, chunk)));
        }

        double loudest = energies.Max(e => e.Energy);
        var snrs = new List<double>();
        foreach (var (start, energy) in energies.Where(e => e.Energy > loudest * 0.01))
        {
            var c = clean.AsSpan(start, chunk).ToArray();
            int bestLag = 0;
            double best = double.NegativeInfinity;
            for (int lag = -searchSamples; lag <= searchSamples; lag++)
            {
                double dot = 0;
                for (int i = 0; i < chunk; i++)
                {
                    dot += c[i] * (double)estimate[start + lag + i];
                }

                if (dot > best)
                {
                    best = dot;
                    bestLag = lag;
                }
            }

            snrs.Add(ScaledSnrDb(c, estimate.AsSpan(start + bestLag, chunk).ToArray()));
        }

        Assert.True(snrs.Count >= 5, $"only {snrs.Count} speech chunks");
        snrs.Sort();
        return snrs[snrs.Count / 2];
    }

    /// <summary>
    /// Median over 0.2 s chunks of <paramref name="early"/> (those within 20 dB of the loudest) of the lag in
    /// [minLag, maxLag] that best aligns <paramref name="late"/> with it: the typical delay, unaffected by the
    /// stretches an underrun or resync shifted.
    /// </summary>
    public static int MedianChunkLag(float[] early, float[] late, int sampleRate, int minLag, int maxLag)
    {
        int chunk = sampleRate / 5;
        var starts = new List<(int Start, double Energy)>();
        for (int s = 0; s + chunk <= early.Length && s + maxLag + chunk <= late.Length; s += chunk)
        {
            starts.Add((s, Energy(early, s, chunk)));
        }

        double loudest = starts.Max(e => e.Energy);
        var lags = new List<int>();
        foreach (var (start, _) in starts.Where(e => e.Energy > loudest * 0.01))
        {
            var (lag, _) = Align(early.AsSpan(start, chunk).ToArray(), late.AsSpan(start + minLag, chunk + maxLag - minLag).ToArray(), 0, maxLag - minLag);
            lags.Add(lag + minLag);
        }

        Assert.True(lags.Count >= 5, $"only {lags.Count} loud chunks to align");
        lags.Sort();
        return lags[lags.Count / 2];
    }

    /// <summary>
    /// Rebuilds <paramref name="estimate"/> on <paramref name="clean"/>'s timeline: each 0.2 s chunk is copied from
    /// the lag (within ±<paramref name="searchSamples"/>) that best matches the clean chunk; quiet chunks, where a
    /// correlation peak means nothing, keep the previous chunk's lag. Undoes the time shifts dropouts leave behind
    /// so STOI (384 ms frames, no alignment of its own) judges the audio, not the glitch positions.
    /// </summary>
    public static float[] RealignChunks(float[] clean, float[] estimate, int offset, int sampleRate, int searchSamples)
    {
        int chunk = sampleRate / 5;
        double loudest = 0;
        for (int s = 0; s + chunk <= clean.Length; s += chunk)
        {
            loudest = Math.Max(loudest, Energy(clean, s, chunk));
        }

        var y = new float[clean.Length];
        int lag = 0;
        for (int s = 0; s < clean.Length; s += chunk)
        {
            int n = Math.Min(chunk, clean.Length - s);
            if (Energy(clean, s, n) > loudest * 0.01)
            {
                double best = double.NegativeInfinity;
                for (int l = -searchSamples; l <= searchSamples; l++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++)
                    {
                        int j = offset + s + l + i;
                        if (j >= 0 && j < estimate.Length)
                        {
                            dot += clean[s + i] * (double)estimate[j];
                        }
                    }

                    if (dot > best)
                    {
                        best = dot;
                        lag = l;
                    }
                }
            }

            for (int i = 0; i < n; i++)
            {
                int j = offset + s + lag + i;
                y[s + i] = j >= 0 && j < estimate.Length ? estimate[j] : 0;
            }
        }

        return y;
    }

    /// <summary>Median over 50 ms windows of the estimate's energy where the clean signal is silent (≥ 40 dB below its peak window), in dB re the estimate's speech windows.</summary>
    public static double NoiseFloorDb(float[] clean, float[] estimate, int sampleRate)
    {
        int w = sampleRate / 20;
        var cleanE = new List<double>();
        var estE = new List<double>();
        for (int s = 0; s + w <= clean.Length; s += w)
        {
            cleanE.Add(Energy(clean, s, w));
            estE.Add(Energy(estimate, s, w));
        }

        double peak = cleanE.Max();
        var quiet = estE.Where((_, i) => cleanE[i] < peak * 1e-4).OrderBy(v => v).ToList();
        var loud = estE.Where((_, i) => cleanE[i] > peak * 1e-2).OrderBy(v => v).ToList();
        Assert.True(quiet.Count >= 3 && loud.Count >= 3, $"need speech-free and speech windows (quiet {quiet.Count}, loud {loud.Count})");
        return 10 * Math.Log10(Math.Max(quiet[quiet.Count / 2], 1e-30) / Math.Max(loud[loud.Count / 2], 1e-30));
    }

    public static float[] Channel(float[] interleaved, int channels, int channel)
    {
        var y = new float[interleaved.Length / channels];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = interleaved[(i * channels) + channel];
        }

        return y;
    }

    public static float[] ReadRawFloat32(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var x = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, x, 0, x.Length * 4);
        return x;
    }

    private static double Energy(float[] x, int start, int length)
    {
        double e = 0;
        for (int i = start; i < start + length; i++)
        {
            e += x[i] * (double)x[i];
        }

        return e / length;
    }
}
