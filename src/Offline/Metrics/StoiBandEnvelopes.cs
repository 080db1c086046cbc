using RtDenoise.Offline.Metrics.Signals;
namespace RtDenoise.Offline.Metrics;

/// <summary>
/// The one-third-octave band envelopes of one frame of the reduced (silence-removed) signal, Eq. (1) of Taal et al.
/// 2011: the frame is Hann-windowed, zero-padded to a 512-point FFT, and each band's power summed,
/// <code>
///   X_k(m) = sqrt( Σ_{j in band k} |x̂(j, m)|² ),   k = 0 .. 14
/// </code>
/// </summary>
internal sealed class StoiBandEnvelopes
{
    private readonly double[] _window = StoiConstants.AnalysisWindow();
    private readonly RealPowerSpectrum _fft = new(StoiConstants.FftSize);
    private readonly double[] _windowed = new double[StoiConstants.FrameLength];
    private readonly double[] _power;

    public StoiBandEnvelopes() => _power = new double[_fft.Bins];

    /// <summary>Writes the 15 band envelopes of <paramref name="frame"/> (256 samples) into <paramref name="bands"/>.</summary>
    public void Compute(ReadOnlySpan<double> frame, Span<double> bands)
    {
        for (int n = 0; n < StoiConstants.FrameLength; n++)
        {
            _windowed[n] = _window[n] * frame[n];
        }

        _fft.Compute(_windowed, _power);
        ReadOnlySpan<(int Low, int High)> ranges = ThirdOctaveBands.Ranges;
        for (int k = 0; k < StoiConstants.Bands; k++)
        {
            double sum = 0;
            for (int j = ranges[k].Low; j < ranges[k].High; j++)
            {
                sum += _power[j];
            }

            bands[k] = Math.Sqrt(sum);
        }
    }
}
