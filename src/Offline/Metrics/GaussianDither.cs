namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Reproducible standard-normal numbers for ESTOI's normalisation dither: SplitMix64 (Steele, Lea &amp; Flood,
/// OOPSLA 2014) for uniform bits, Box–Muller for the normal pair. Quality needs are modest (the dither is scaled by
/// 2.2e-16); what matters is that the same input always gives the same ESTOI.
/// </summary>
internal struct GaussianDither
{
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    public GaussianDither(ulong seed)
    {
        _state = seed;
        _spare = 0;
        _hasSpare = false;
    }

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        // u1 in (0, 1] so the logarithm is finite; u2 in [0, 1).
        double u1 = (NextBits() + 1.0) * (1.0 / 9007199254740992.0);
        double u2 = NextBits() * (1.0 / 9007199254740992.0);
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        (double s, double c) = Math.SinCos(2.0 * Math.PI * u2);
        _spare = r * s;
        _hasSpare = true;
        return r * c;
    }

    // 53 random bits from SplitMix64.
    private ulong NextBits()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 31)) >> 11;
    }
}
