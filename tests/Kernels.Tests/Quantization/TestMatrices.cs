namespace RtDenoise.Kernels.Tests.Quantization;

/// <summary>Seeded random weight matrices shaped like trained layers: Gaussian bulk plus rare large outliers.</summary>
internal static class TestMatrices
{
    public static float[] Gaussian(Random rng, int count, double std = 0.05, double outlierRate = 0.01, double outlierSigma = 17)
    {
        var w = new float[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            if (rng.NextDouble() < outlierRate)
            {
                g = (rng.NextDouble() < 0.5 ? -1 : 1) * outlierSigma * (0.5 + (0.5 * rng.NextDouble()));
            }

            w[i] = (float)(g * std);
        }

        return w;
    }
}
