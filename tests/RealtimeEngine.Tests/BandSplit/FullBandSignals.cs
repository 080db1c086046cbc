using RtDenoise.Engine.Resampling;
using RtDenoise.Offline.Audio;

namespace RtDenoise.Engine.Tests.BandSplit;

/// <summary>Signals and measurements for the full-band tests (deterministic).</summary>
internal static class FullBandSignals
{
    /// <summary>A 440 Hz tone plus white noise over the whole band up to Nyquist (what the 16 kHz model path alone
    /// cannot carry at 44.1/48 kHz), peak below 0.6.</summary>
    public static float[] ToneAndWhiteNoise(int rate, int n, int seed)
    {
        float[] x = TestSignals.WhiteNoise(n, 0.2f, seed);
        for (int i = 0; i < n; i++)
        {
            x[i] += 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / rate);
        }

        return x;
    }

    /// <summary>max |y[i + lag] − x[i]| over i in [from, x.Length − lag).</summary>
    public static double MaxErrorAfter(float[] x, float[] y, int lag, int from)
    {
        double m = 0;
        for (int i = from; i + lag < y.Length; i++)
        {
            m = Math.Max(m, Math.Abs(y[i + lag] - x[i]));
        }

        return m;
    }

    /// <summary>Linear-phase FIR band-pass (Hann-windowed difference of sincs), <paramref name="taps"/> odd.</summary>
    public static float[] BandPass(double loHz, double hiHz, int rate, int taps = 201)
    {
        var h = new float[taps];
        int c = taps / 2;
        double f1 = loHz / rate, f2 = hiHz / rate;
        for (int i = 0; i < taps; i++)
        {
            int t = i - c;
            double ideal = t == 0 ? 2 * (f2 - f1) : (Math.Sin(2 * Math.PI * f2 * t) - Math.Sin(2 * Math.PI * f1 * t)) / (Math.PI * t);
            double w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / (taps - 1)));
            h[i] = (float)(ideal * w);
        }

        return h;
    }

    /// <summary>Direct-form convolution, same length as x (the filter's delay is not removed).</summary>
    public static float[] Filter(float[] x, float[] h)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double s = 0;
            int kMax = Math.Min(h.Length - 1, i);
            for (int k = 0; k <= kMax; k++)
            {
                s += h[k] * (double)x[i - k];
            }

            y[i] = (float)s;
        }

        return y;
    }

    /// <summary>Energy of x[from..to) in dB (10·log10 of the mean square).</summary>
    public static double EnergyDb(float[] x, int from, int to)
    {
        double s = 0;
        for (int i = from; i < to; i++)
        {
            s += x[i] * (double)x[i];
        }

        return 10 * Math.Log10((s / (to - from)) + 1e-30);
    }

    /// <summary>The bundled clean speech (16 kHz) at 48 kHz, plus "air": 9–19 kHz noise shaped by the speech's envelope
    /// well below it (a fricative-like band the 16 kHz model never sees). Also returns the speech span (samples).</summary>
    public static float[] SpeechWithAir(int rate, out int speechFrom, out int speechTo)
    {
        float[] speech16 = WavReader.ReadAllChannels(Path.Combine(RepoRoot(), "samples", "clean_speech.wav"), out int r16)[0];
        Assert.Equal(16000, r16);
        var up = new PolyphaseResampler(16000, rate);
        var speech = new float[up.MaxOutputFor(speech16.Length)];
        speech = speech[..up.Process(speech16, speech)];
        float[] air = Filter(TestSignals.WhiteNoise(speech.Length, 1f, seed: 19), BandPass(9000, 19000, rate));
        double env = 0, a = Math.Exp(-1.0 / (0.005 * rate));
        var x = new float[speech.Length];
        for (int i = 0; i < x.Length; i++)
        {
            env = (a * env) + ((1 - a) * Math.Abs(speech[i]));
            x[i] = speech[i] + (float)(0.25 * env * air[i]);
        }

        speechFrom = rate / 2;
        speechTo = x.Length - (rate / 2);
        return x;
    }

    public static string RepoRoot()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Realtime.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }

        return dir;
    }
}
