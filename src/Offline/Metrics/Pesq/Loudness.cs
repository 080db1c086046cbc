namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Intensity warping of P.862: pitch power density to loudness density (sone) per Bark band with
/// Zwicker's law, (P0/0.5)^γ [(0.5 + 0.5 P/P0)^γ − 1] above the absolute threshold P0 and 0 below it; γ is 0.23,
/// raised below 4 Bark as the standard prescribes.
/// </summary>
internal sealed class Loudness
{
    private const double ZwickerPower = 0.23;

    private readonly double[] _threshold;
    private readonly double[] _power;
    private readonly double[] _thresholdTerm;
    private readonly double _scale;

    public Loudness(PesqRate rate)
    {
        BarkTables bark = rate.Bark;
        int bands = bark.BandCount;
        _threshold = new double[bands];
        _power = new double[bands];
        _thresholdTerm = new double[bands];
        _scale = rate.LoudnessScale;
        for (int b = 0; b < bands; b++)
        {
            float h = bark.CentreBark[b] < 4 ? 6f / ((float)bark.CentreBark[b] + 2f) : 1f;
            h = Math.Min(h, 2f);
            h = (float)Math.Pow(h, 0.15f);
            _power[b] = ZwickerPower * h;
            _threshold[b] = (float)bark.AbsoluteThreshold[b];
            _thresholdTerm[b] = Math.Pow(_threshold[b] / 0.5, _power[b]);
        }
    }

    /// <summary>Loudness densities of one frame's pitch power densities.</summary>
    public void Compute(ReadOnlySpan<double> pitchDensity, Span<double> loudness)
    {
        for (int b = 0; b < loudness.Length; b++)
        {
            double input = pitchDensity[b];
            loudness[b] = input > _threshold[b]
                ? _thresholdTerm[b] * (Math.Pow(0.5 + (0.5 * input / _threshold[b]), _power[b]) - 1) * _scale
                : 0;
        }
    }
}
