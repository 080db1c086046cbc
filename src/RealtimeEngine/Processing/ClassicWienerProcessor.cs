using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Processing;

/// <summary>
/// The permanent classical baseline (<c>--processor classic</c>): a Wiener gain driven by the decision-directed
/// a-priori SNR estimate (Ephraim &amp; Malah, IEEE TASSP 1984) with a minimum-statistics noise estimate
/// (<see cref="MinimumStatisticsNoiseTracker"/>), floored at −15 dB like Speex's default suppression.
/// </summary>
/// <remarks>
/// <code>
///   γ_k = |X_k|² / N_k                                   a-posteriori SNR
///   ξ_k = α·G_prev,k²·γ_prev,k + (1 − α)·max(γ_k − 1, 0)  a-priori SNR, α = 0.98
///   G_k = max(ξ_k / (1 + ξ_k), G_min)
/// </code>
/// </remarks>
public sealed class ClassicWienerProcessor : ISpectralProcessor
{
    private const float DecisionDirectedAlpha = 0.98f;
    private readonly float _gainFloor;
    private MinimumStatisticsNoiseTracker? _noise;
    private float[] _power = [];
    private float[] _prevGain = [];
    private float[] _prevGamma = [];

    /// <param name="floorDb">Lowest gain in dB (negative), −15 by default.</param>
    public ClassicWienerProcessor(float floorDb = -15f)
    {
        _gainFloor = MathF.Pow(10f, floorDb / 20f);
    }

    public string Name => "classic";

    public void Configure(StftLayout layout)
    {
        _noise = new MinimumStatisticsNoiseTracker(layout.Bins, (double)layout.Hop / layout.SampleRate);
        _power = new float[layout.Bins];
        _prevGain = new float[layout.Bins];
        _prevGamma = new float[layout.Bins];
        Reset();
    }

    public void Reset()
    {
        _noise?.Reset();
        Array.Fill(_prevGain, 1f);
        Array.Clear(_prevGamma);
    }

    public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
    {
        MinimumStatisticsNoiseTracker noise = _noise ?? throw new InvalidOperationException("Configure was not called.");
        int bins = _power.Length;
        for (int k = 0; k < bins; k++)
        {
            _power[k] = (re[k] * re[k]) + (im[k] * im[k]);
        }

        noise.Update(_power);
        ReadOnlySpan<float> n = noise.Noise;
        for (int k = 0; k < bins; k++)
        {
            float gamma = _power[k] / n[k];
            float xi = (DecisionDirectedAlpha * _prevGain[k] * _prevGain[k] * _prevGamma[k])
                + ((1 - DecisionDirectedAlpha) * MathF.Max(gamma - 1, 0));
            float g = MathF.Max(xi / (1 + xi), _gainFloor);
            gains[k] = g;
            _prevGain[k] = g;
            _prevGamma[k] = MathF.Min(gamma, 1e6f);
        }
    }
}
