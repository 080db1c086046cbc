namespace RtDenoise.LatencyBench.Benchmarks;

/// <summary>
/// The clean/noisy pair the metric benchmarks score: a harmonic "voice" (140 Hz, ten harmonics) with a 4 Hz syllable
/// envelope, and the same plus white noise at roughly 0 dB. Deterministic (seeded), so every run times the same work.
/// </summary>
internal static class SyntheticSpeechPair
{
    public static (double[] Clean, double[] Noisy) Create(int sampleRate, int seconds)
    {
        var rng = new Random(1);
        int n = sampleRate * seconds;
        var clean = new double[n];
        var noisy = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / sampleRate;
            double env = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
            double v = 0;
            for (int h = 1; h <= 10; h++)
            {
                v += Math.Sin(2 * Math.PI * 140 * h * t) / h;
            }

            clean[i] = 0.1 * env * v;
            noisy[i] = clean[i] + (0.08 * ((rng.NextDouble() * 2) - 1));
        }

        return (clean, noisy);
    }
}
