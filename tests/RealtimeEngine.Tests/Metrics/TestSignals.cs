namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>Seeded synthetic signals for the metric tests.</summary>
internal static class TestSignals
{
    /// <summary>A speech-like test signal: a harmonic tone with a 4 Hz syllable envelope and short pauses.</summary>
    public static double[] SpeechLike(int sampleRate, double seconds, int seed = 1)
    {
        var rng = new Random(seed);
        int n = (int)(sampleRate * seconds);
        var x = new double[n];
        double f0 = 120 + (rng.NextDouble() * 60);
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / sampleRate;
            double syllable = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
            double v = 0;
            for (int h = 1; h <= 20; h++)
            {
                v += Math.Sin((2 * Math.PI * f0 * h * t) + h) / h;
            }

            x[i] = 0.1 * syllable * syllable * (v + (0.05 * ((rng.NextDouble() * 2) - 1)));
        }

        return x;
    }

    /// <summary>Uniform white noise in [-amplitude, amplitude].</summary>
    public static double[] WhiteNoise(int n, double amplitude, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = amplitude * ((rng.NextDouble() * 2) - 1);
        }

        return x;
    }

    public static double Energy(ReadOnlySpan<double> x)
    {
        double e = 0;
        foreach (double v in x)
        {
            e += v * v;
        }

        return e;
    }
}
