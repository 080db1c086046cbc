namespace RtDenoise.Kernels.Numerics;

/// <summary>Bessel functions the window designs need (Kaiser windows: the resampler's filter, STOI's resampling).</summary>
public static class Bessel
{
    /// <summary>
    /// Modified Bessel function of the first kind, order 0, by its power series
    /// I0(x) = Σ_k ((x/2)^k / k!)² (Abramowitz &amp; Stegun 9.6.12). All terms are positive, so summing until a
    /// term no longer changes the sum gives full double precision for the arguments a window needs (|x| &lt; 50;
    /// Kaiser β is at most ≈ 15 in practice).
    /// </summary>
    public static double I0(double x)
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
