using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>Seeded speech-like test material (harmonic tone, syllable envelope) and noise, written as WAV.</summary>
internal static class SyntheticSpeech
{
    public static float[] Speech(int sampleRate, double seconds, int seed)
    {
        var rng = new Random(seed);
        int n = (int)(sampleRate * seconds);
        var x = new float[n];
        double f0 = 100 + (rng.NextDouble() * 100);
        double rate = 3 + (rng.NextDouble() * 2);
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / sampleRate;
            double env = Math.Max(0, Math.Sin(2 * Math.PI * rate * t));
            double v = 0;
            for (int h = 1; h <= 25; h++)
            {
                v += Math.Sin((2 * Math.PI * f0 * h * t) + (0.3 * h)) / h;
            }

            x[i] = (float)(0.1 * env * env * v);
        }

        return x;
    }

    public static float[] AddNoise(float[] clean, double amplitude, int seed)
    {
        var rng = new Random(seed);
        return clean.Select(v => (float)(v + (amplitude * ((rng.NextDouble() * 2) - 1)))).ToArray();
    }

    public static void Write(string path, int sampleRate, params float[][] channels) =>
        WavWriter.WriteAll(path, channels, sampleRate);
}
