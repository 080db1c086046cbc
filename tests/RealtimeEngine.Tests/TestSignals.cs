namespace RtDenoise.Engine.Tests;

/// <summary>Deterministic test signals (seeded).</summary>
internal static class TestSignals
{
    public static float[] Sine(double hz, int rate, int n, float amplitude = 0.5f)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = amplitude * (float)Math.Sin(2 * Math.PI * hz * i / rate);
        }

        return x;
    }

    public static float[] WhiteNoise(int n, float amplitude, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = amplitude * (float)((rng.NextDouble() * 2) - 1);
        }

        return x;
    }

    /// <summary>Exponential sine sweep from f0 to f1 (Farina); also returns the instantaneous frequency per sample.</summary>
    public static float[] Sweep(double f0, double f1, int rate, int n, out double[] frequency, float amplitude = 0.5f)
    {
        var x = new float[n];
        frequency = new double[n];
        double seconds = n / (double)rate;
        double k = Math.Log(f1 / f0);
        for (int i = 0; i < n; i++)
        {
            double t = i / (double)rate;
            x[i] = amplitude * (float)Math.Sin(2 * Math.PI * f0 * seconds / k * (Math.Exp(t / seconds * k) - 1));
            frequency[i] = f0 * Math.Exp(t / seconds * k);
        }

        return x;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x)
        {
            s += v * (double)v;
        }

        return x.Length == 0 ? 0 : Math.Sqrt(s / x.Length);
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>Lag (0..maxLag) at which y best matches x delayed (normalised cross-correlation).</summary>
    public static int BestLag(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int maxLag)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int lag = 0; lag <= maxLag; lag++)
        {
            double dot = 0, ey = 0;
            for (int i = lag; i < y.Length; i++)
            {
                dot += y[i] * (double)x[i - lag];
                ey += y[i] * (double)y[i];
            }

            double score = dot / Math.Sqrt(ey + 1e-20);
            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }

        return best;
    }

    /// <summary>
    /// Bytes the current thread allocates in <paramref name="calls"/> calls of <paramref name="body"/> (argument: the call
    /// index) after <paramref name="warmup"/> calls; the smallest of <paramref name="attempts"/> windows, so that a one-off
    /// runtime event (tiered-JIT promotion under load) does not count, while a per-call allocation still shows in every
    /// window.
    /// </summary>
    public static long AllocatedBytes(Action<int> body, int warmup = 64, int calls = 512, int attempts = 3) =>
        AllocatedBytes(body, GC.GetAllocatedBytesForCurrentThread, warmup, calls, attempts);

    /// <summary>
    /// As <see cref="AllocatedBytes(Action{int}, int, int, int)"/>, read from another allocation counter (e.g. a
    /// NativeAOT plugin's own runtime, which counts every thread of that runtime).
    /// </summary>
    public static long AllocatedBytes(Action<int> body, Func<long> allocatedSoFar, int warmup = 64, int calls = 512, int attempts = 3)
    {
        for (int i = 0; i < warmup; i++)
        {
            body(i);
        }

        long least = long.MaxValue;
        for (int a = 0; a < attempts && least != 0; a++)
        {
            long before = allocatedSoFar();
            for (int i = 0; i < calls; i++)
            {
                body(i);
            }

            least = Math.Min(least, allocatedSoFar() - before);
        }

        return least;
    }

    /// <summary>Processes <paramref name="x"/> (copied) in blocks of pseudo-random sizes 1..maxBlock.</summary>
    public static float[] ProcessInRandomBlocks(RtDenoise.Engine.Chain.IAudioProcessor p, float[] x, int maxBlock, int seed)
    {
        float[] y = (float[])x.Clone();
        var rng = new Random(seed);
        for (int pos = 0; pos < y.Length;)
        {
            int n = Math.Min(rng.Next(1, maxBlock + 1), y.Length - pos);
            p.Process(y.AsSpan(pos, n));
            pos += n;
        }

        return y;
    }
}
