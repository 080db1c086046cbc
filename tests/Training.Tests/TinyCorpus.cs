using RtDenoise.Training.Data;

namespace RtDenoise.Training.Tests;

/// <summary>A generated stand-in corpus: "speakers" are harmonic tones with syllable-rate envelopes, noise is
/// coloured noise; small enough for a training run inside a test.</summary>
internal static class TinyCorpus
{
    public static CorpusPart Make(int seed, int speakers)
    {
        var rng = new Random(seed);
        var sp = new List<SpeakerClips>();
        for (int s = 0; s < speakers; s++)
        {
            double f0 = 100 + (40 * s);
            var clips = new List<float[]>();
            for (int c = 0; c < 2; c++)
            {
                var x = new float[16000];
                double rate = 3 + rng.NextDouble() * 2;
                for (int i = 0; i < x.Length; i++)
                {
                    double env = Math.Max(0, Math.Sin(2 * Math.PI * rate * i / 16000.0));
                    double v = 0;
                    for (int h = 1; h <= 8; h++)
                    {
                        v += Math.Sin(2 * Math.PI * f0 * h * i / 16000.0) / h;
                    }

                    x[i] = (float)(0.3 * env * v);
                }

                clips.Add(x);
            }

            sp.Add(new SpeakerClips($"tone{s}", 1.0, clips));
        }

        var noise = new List<NoiseClip>();
        for (int n = 0; n < 2; n++)
        {
            var x = new float[16000];
            double state = 0;
            for (int i = 0; i < x.Length; i++)
            {
                state = (0.5 * n * state) + (rng.NextDouble() - 0.5);
                x[i] = (float)state;
            }

            noise.Add(new NoiseClip($"noise{n}", n == 0 ? "white" : "coloured", x));
        }

        return new CorpusPart(sp, noise, []);
    }
}
