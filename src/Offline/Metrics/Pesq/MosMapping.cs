namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>Maps the raw P.862 score to MOS-LQO: ITU-T P.862.1 (narrow band) and P.862.2 (wide band).</summary>
internal static class MosMapping
{
    public static double ToMosLqo(double rawScore, PesqMode mode)
    {
        // Both mappings are logistic curves from 0.999 to 4.999; the reference evaluates them in single precision.
        float raw = (float)rawScore;
        float exponent = mode == PesqMode.NarrowBand
            ? (-1.4945f * raw) + 4.6607f
            : (-1.3669f * raw) + 3.8224f;
        return 0.999f + (4.0f / (1.0f + (float)Math.Exp(exponent)));
    }
}
