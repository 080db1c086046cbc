namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The P.862 front end for one frame: Hann window over 32 ms, power spectrum, and the "pitch power density":
/// FFT bins summed into Bark bands, each scaled by its correction factor and by Sp.
/// </summary>
internal sealed class BarkSpectrum
{
    private readonly PesqRate _rate;
    private readonly PesqFft _fft;
    private readonly double[] _window;
    private readonly double[] _buffer;

    public BarkSpectrum(PesqRate rate, PesqFft fft)
    {
        _rate = rate;
        _fft = fft;
        int n = rate.FrameLength;
        _window = new double[n];
        for (int i = 0; i < n; i++)
        {
            _window[i] = (float)(0.5 * (1.0 - Math.Cos(PesqConstants.TwoPi * i / n)));
        }

        _buffer = new double[n + 2];
    }

    /// <summary>Pitch power density of the frame at <paramref name="start"/> into <paramref name="bands"/>.</summary>
    public void Compute(double[] data, int start, Span<double> bands)
    {
        int n = _rate.FrameLength;
        for (int i = 0; i < n; i++)
        {
            _buffer[i] = data[start + i] * _window[i];
        }

        _fft.Forward(_buffer, n, _buffer);
        BarkTables bark = _rate.Bark;
        int bin = 0;
        for (int band = 0; band < bark.BandCount; band++)
        {
            double sum = 0;
            for (int i = 0; i < bark.BinsPerBand[band]; i++, bin++)
            {
                // Bin 0 (DC) is left out of the first band.
                sum += bin == 0 ? 0 : (_buffer[2 * bin] * _buffer[2 * bin]) + (_buffer[(2 * bin) + 1] * _buffer[(2 * bin) + 1]);
            }

            bands[band] = sum * bark.PowerDensityCorrection[band] * _rate.PowerScale;
        }
    }

    /// <summary>A frame the degraded signal does not cover: no power in any band.</summary>
    public static void Silence(Span<double> bands) => bands.Clear();
}
