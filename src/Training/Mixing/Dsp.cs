using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace RtDenoise.Training.Mixing;

/// <summary>Offline signal helpers for data augmentation (not real-time code: they allocate freely).</summary>
public static class Dsp
{
    /// <summary>Mean power over the frames (20 ms) within 40 dB of the loudest: the "active" level of speech, so
    /// pauses do not lower the level an SNR is set against (a simple form of ITU-T P.56 active level).</summary>
    public static double ActivePower(ReadOnlySpan<float> x, int frame = 320)
    {
        int frames = x.Length / frame;
        if (frames == 0)
        {
            return MeanPower(x);
        }

        var p = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++)
        {
            p[f] = MeanPower(x.Slice(f * frame, frame));
            max = Math.Max(max, p[f]);
        }

        double sum = 0;
        int n = 0;
        foreach (double v in p)
        {
            if (v >= max * 1e-4)
            {
                sum += v;
                n++;
            }
        }

        return n > 0 ? sum / n : 0;
    }

    public static double MeanPower(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x)
        {
            s += (double)v * v;
        }

        return x.Length > 0 ? s / x.Length : 0;
    }

    /// <summary>Linear convolution via FFT, truncated to the length of <paramref name="x"/>.</summary>
    public static float[] Convolve(ReadOnlySpan<float> x, ReadOnlySpan<float> h)
    {
        int n = 1;
        while (n < x.Length + h.Length - 1)
        {
            n <<= 1;
        }

        var a = new Complex[n];
        for (int i = 0; i < x.Length; i++)
        {
            a[i] = new Complex(x[i], i < h.Length ? h[i] : 0);
        }

        for (int i = x.Length; i < h.Length; i++)
        {
            a[i] = new Complex(0, h[i]);
        }

        // Two real transforms in one: A = X + iH, X[k] = (A[k] + conj A[n−k])/2, H[k] = (A[k] − conj A[n−k])/(2i).
        Fourier.Forward(a, FourierOptions.NoScaling);
        var prod = new Complex[n];
        for (int k = 0; k < n; k++)
        {
            Complex ak = a[k], am = Complex.Conjugate(a[(n - k) % n]);
            Complex xk = (ak + am) / 2, hk = (ak - am) / new Complex(0, 2);
            prod[k] = xk * hk;
        }

        Fourier.Inverse(prod, FourierOptions.NoScaling);
        var y = new float[x.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (float)(prod[i].Real / n);
        }

        return y;
    }

    /// <summary>Speed perturbation by <paramref name="factor"/> (tempo and pitch, like sox speed): linear
    /// interpolation at positions i·factor.</summary>
    public static float[] Speed(ReadOnlySpan<float> x, double factor)
    {
        int n = (int)((x.Length - 1) / factor);
        var y = new float[Math.Max(n, 0)];
        for (int i = 0; i < y.Length; i++)
        {
            double pos = i * factor;
            int j = (int)pos;
            double f = pos - j;
            y[i] = (float)((x[j] * (1 - f)) + (x[Math.Min(j + 1, x.Length - 1)] * f));
        }

        return y;
    }

    /// <summary>Applies a biquad (direct form I) in place.</summary>
    public static void Filter(Span<float> x, Biquad q)
    {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            double y = (q.B0 * v) + (q.B1 * x1) + (q.B2 * x2) - (q.A1 * y1) - (q.A2 * y2);
            x2 = x1;
            x1 = v;
            y2 = y1;
            y1 = y;
            x[i] = (float)y;
        }
    }

    public static void Scale(Span<float> x, double g)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(x[i] * g);
        }
    }

    public static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double Uniform(Random rng, double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());
}

/// <summary>Normalised biquad coefficients (a0 = 1), from the RBJ Audio EQ Cookbook.</summary>
public readonly record struct Biquad(double B0, double B1, double B2, double A1, double A2)
{
    public static Biquad LowPass(double fc, double q, double fs) => Make(fc, q, fs, (c, a) =>
        ((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + a, -2 * c, 1 - a));

    public static Biquad HighPass(double fc, double q, double fs) => Make(fc, q, fs, (c, a) =>
        ((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + a, -2 * c, 1 - a));

    public static Biquad Peaking(double fc, double q, double gainDb, double fs)
    {
        double aa = Math.Pow(10, gainDb / 40);
        return Make(fc, q, fs, (c, a) => (1 + (a * aa), -2 * c, 1 - (a * aa), 1 + (a / aa), -2 * c, 1 - (a / aa)));
    }

    public static Biquad LowShelf(double fc, double gainDb, double fs) => Shelf(fc, gainDb, fs, low: true);

    public static Biquad HighShelf(double fc, double gainDb, double fs) => Shelf(fc, gainDb, fs, low: false);

    private static Biquad Shelf(double fc, double gainDb, double fs, bool low)
    {
        double aa = Math.Pow(10, gainDb / 40);
        double w = 2 * Math.PI * fc / fs, c = Math.Cos(w), s = Math.Sin(w);
        double alpha = s / 2 * Math.Sqrt(2), sq = 2 * Math.Sqrt(aa) * alpha;
        double b0, b1, b2, a0, a1, a2;
        if (low)
        {
            b0 = aa * ((aa + 1) - ((aa - 1) * c) + sq);
            b1 = 2 * aa * ((aa - 1) - ((aa + 1) * c));
            b2 = aa * ((aa + 1) - ((aa - 1) * c) - sq);
            a0 = (aa + 1) + ((aa - 1) * c) + sq;
            a1 = -2 * ((aa - 1) + ((aa + 1) * c));
            a2 = (aa + 1) + ((aa - 1) * c) - sq;
        }
        else
        {
            b0 = aa * ((aa + 1) + ((aa - 1) * c) + sq);
            b1 = -2 * aa * ((aa - 1) + ((aa + 1) * c));
            b2 = aa * ((aa + 1) + ((aa - 1) * c) - sq);
            a0 = (aa + 1) - ((aa - 1) * c) + sq;
            a1 = 2 * ((aa - 1) - ((aa + 1) * c));
            a2 = (aa + 1) - ((aa - 1) * c) - sq;
        }

        return new Biquad(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    private static Biquad Make(double fc, double q, double fs,
        Func<double, double, (double B0, double B1, double B2, double A0, double A1, double A2)> f)
    {
        double w = 2 * Math.PI * fc / fs;
        double c = Math.Cos(w), alpha = Math.Sin(w) / (2 * q);
        var k = f(c, alpha);
        return new Biquad(k.B0 / k.A0, k.B1 / k.A0, k.B2 / k.A0, k.A1 / k.A0, k.A2 / k.A0);
    }
}
