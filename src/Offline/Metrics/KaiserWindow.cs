namespace RtDenoise.Offline.Metrics;

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
        double i0Beta = BesselI0(beta);
        for (int n = 0; n < length; n++)
        {
            double r = (n - alpha) / alpha;
            w[n] = BesselI0(beta * Math.Sqrt(Math.Max(0.0, 1 - (r * r)))) / i0Beta;
        }

        return w;
    }

    /// <summary>
    /// Modified Bessel function of the first kind, order 0, by its power series
    /// I0(x) = Σ_k ((x/2)^k / k!)². All terms are positive, so summing until a term no longer changes the sum
    /// gives full double precision for the small arguments (|x| &lt; 20) a window needs.
    /// </summary>
    public static double BesselI0(double x)
    {
        double quarterSquare = x * x / 4;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 500; k++)
        {
            term *= quarterSquare / ((double)k * k);
            double next = sum + term;
            if (next == sum)
            {
                break;
            }

            sum = next;
        }

        return sum;
    }
}
