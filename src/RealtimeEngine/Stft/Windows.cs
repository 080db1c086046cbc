namespace RtDenoise.Engine.Stft;

/// <summary>Window functions for analysis/synthesis.</summary>
public static class Windows
{
    /// <summary>
    /// Periodic square-root Hann window, w[n] = sin(πn/N). Used for both analysis and synthesis (weighted
    /// overlap-add, Crochiere 1980): the product w² is a periodic Hann, whose shifted copies by H = N/2 or N/4 sum
    /// to a constant (1 or 2), so with that constant divided out the STFT round trip is exact.
    /// </summary>
    public static float[] SqrtHannPeriodic(int length)
    {
        var w = new float[length];
        for (int n = 0; n < length; n++)
        {
            w[n] = (float)Math.Sin(Math.PI * n / length);
        }

        return w;
    }
}
