namespace RtDenoise.Training.Mixing;

/// <summary>
/// Synthetic room impulse responses: a direct path, a few discrete early reflections, and an exponentially
/// decaying Gaussian-noise tail (the statistical reverberation model of Schroeder / Polack: late reverberation is
/// noise with an exp(−6.91·t/RT60) envelope). High frequencies decay faster than lows (air and wall absorption):
/// the tail is split at ~1.5 kHz and the upper band gets a shorter RT60. The direct-to-reverberant ratio stands in
/// for source distance.
/// </summary>
public static class SyntheticRoom
{
    /// <summary>Index of the direct path (2 ms, as in the measured set, which starts 2 ms before the peak).</summary>
    public const int DirectIndex = 32;

    public static float[] Generate(Random rng, double rt60, double drrDb, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int length = (int)Math.Min(1.2 * rt60 * sampleRate, 1.5 * sampleRate) + DirectIndex;
        var h = new float[length];
        h[DirectIndex] = 1f;

        double rt60High = rt60 * Dsp.Uniform(rng, 0.4, 0.9);
        int start = DirectIndex + (int)(Dsp.Uniform(rng, 0.001, 0.006) * sampleRate);
        var tail = new double[length];
        double lp = 0, alpha = 1 - Math.Exp(-2 * Math.PI * 1500 / sampleRate);
        for (int n = start; n < length; n++)
        {
            double w = Dsp.Gaussian(rng);
            lp += alpha * (w - lp);
            double t = (n - DirectIndex) / (double)sampleRate;
            tail[n] = (lp * Math.Exp(-6.91 * t / rt60)) + ((w - lp) * Math.Exp(-6.91 * t / rt60High));
        }

        // Early reflections: 3–8 taps in the first 25 ms, decaying with delay.
        int taps = rng.Next(3, 9);
        for (int i = 0; i < taps; i++)
        {
            int d = start + rng.Next((int)(0.025 * sampleRate));
            if (d < length)
            {
                tail[d] += (rng.Next(2) == 0 ? -1 : 1) * Dsp.Uniform(rng, 0.2, 0.7) * Math.Exp(-6.91 * (d - DirectIndex) / (double)sampleRate / rt60);
            }
        }

        double e = 0;
        foreach (double v in tail)
        {
            e += v * v;
        }

        double g = e > 0 ? Math.Sqrt(Math.Pow(10, -drrDb / 10) / e) : 0;
        for (int n = 0; n < length; n++)
        {
            h[n] += (float)(tail[n] * g);
        }

        return h;
    }
}
