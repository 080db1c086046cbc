using RtDenoise.Kernels.Numerics;

namespace RtDenoise.Offline.Metrics.Signals;

/// <summary>The Kaiser window as NumPy's <c>np.kaiser</c> defines it (used by the STOI resampling filter).</summary>
public static class KaiserWindow
{
    /// <summary>w[n] = I0(β·sqrt(1 - ((n - α)/α)²)) / I0(β), α = (M - 1)/2, n = 0..M-1.</summary>
    public static double[] Create(int length, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var w = new double[length];
        if (length == 1)
        {
            w[0] = 1.0;
            return w;
        }

        double alpha = (length - 1) / 2.0;
        double i0Beta = Bessel.I0(beta);
        for (int n = 0; n < length; n++)
        {
            double r = (n - alpha) / alpha;
            w[n] = Bessel.I0(beta * Math.Sqrt(Math.Max(0.0, 1 - (r * r)))) / i0Beta;
        }

        return w;
    }
}
