using RtDenoise.Kernels.Numerics;

namespace RtDenoise.Kernels.Tests.Numerics;

/// <summary>
/// The one I0 replaced two copies (the resampler's and the STOI Kaiser window's): over the range the windows use
/// it must return the same bits as both, so no resampler filter tap moves by one ulp.
/// </summary>
public sealed class BesselTests
{
    [Fact]
    public void Known_values()
    {
        Assert.Equal(1.0, Bessel.I0(0), 15);
        Assert.Equal(1.2660658777520082, Bessel.I0(1), 14);
        Assert.Equal(27.239871823604442, Bessel.I0(5), 12);
        Assert.Equal(Bessel.I0(3.7), Bessel.I0(-3.7));
    }

    [Fact]
    public void Bit_identical_to_the_resampler_series_it_replaced_for_every_kaiser_argument()
    {
        // x = β·sqrt(1 − r²) ∈ [0, β]; the resampler uses β = 8.6, STOI's window β = 5. Dense grid up to 40.
        for (int i = 0; i <= 400_000; i++)
        {
            double x = i * 1e-4;
            Assert.Equal(BitConverter.DoubleToInt64Bits(FormerResamplerI0(x)), BitConverter.DoubleToInt64Bits(Bessel.I0(x)));
        }
    }

    /// <summary>PolyphaseResampler's former private copy, verbatim (stop once a term is below 1e-17 of the sum).</summary>
    private static double FormerResamplerI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 64; k++)
        {
            term *= q / (k * (double)k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
