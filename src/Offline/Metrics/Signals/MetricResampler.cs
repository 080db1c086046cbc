namespace RtDenoise.Offline.Metrics.Signals;

/// <summary>
/// Resamples a signal for the metrics: to the 10 kHz rate STOI works at, reproducing pystoi 0.4.1
/// (<c>utils.resample_oct</c>), and to the 16 kHz rate PESQ is defined at, with the same filter:
/// an anti-aliasing FIR designed as GNU Octave's <c>resample.m</c> (which follows MATLAB's <c>resample</c>),
/// normalised to unit DC gain, applied by polyphase filtering exactly as SciPy's <c>resample_poly</c> does.
/// </summary>
/// <remarks>
/// <para>Filter (Octave <c>resample.m</c>): with up/down = p/q reduced by their gcd,</para>
/// <code>
///   fc   = 1 / (2·max(p, q))            stop-band cut-off, in cycles per (upsampled) sample
///   Δf   = fc / 10                      roll-off width
///   A    = 60 dB                        rejection (log10 rejection = -3)
///   L    = ceil((A - 8) / (28.714·Δf))  half length (Kaiser's length formula, 28.714 = 2.285·4π)
///   h[t] = 2·p·fc·sinc(2·fc·t) · kaiser(2L+1, β)[t+L],  t = -L..L,  β = 0.1102·(A - 8.7)
/// </code>
/// <para>pystoi then divides h by its sum and <c>resample_poly</c> multiplies by p again.</para>
/// <para>Polyphase application (<c>resample_poly</c> = <c>upfirdn</c> + trimming): the filter is prefixed with
/// <c>pre = q - L mod q</c> zeros so that output sample i sits at the filter centre; with
/// <c>skip = (L + pre) / q</c> leading outputs dropped,</para>
/// <code>
///   y[i] = Σ_n x[n] · hpad[(i + skip)·q - n·p],   i = 0 .. ceil(N·p/q) - 1
/// </code>
/// <para>i.e. zero-stuffing by p, filtering, keeping every q-th sample, without ever forming the zero-stuffed
/// signal. Samples outside x are zero (SciPy's default <c>padtype='constant'</c>).</para>
/// </remarks>
public static class MetricResampler
{
    /// <summary>The rate STOI and ESTOI analyse at.</summary>
    public const int StoiRate = 10000;

    /// <summary>Returns <paramref name="signal"/> resampled from <paramref name="sampleRate"/> to 10 kHz (a copy
    /// if it already is at 10 kHz).</summary>
    public static double[] ToStoiRate(ReadOnlySpan<double> signal, int sampleRate) => Resample(signal, sampleRate, StoiRate);

    /// <summary>Returns <paramref name="signal"/> resampled from <paramref name="sampleRate"/> to
    /// <paramref name="targetRate"/> (a copy when the rates are equal).</summary>
    public static double[] Resample(ReadOnlySpan<double> signal, int sampleRate, int targetRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRate);
        if (sampleRate == targetRate)
        {
            return signal.ToArray();
        }

        PolyphaseStream stream = CreateStream(sampleRate, targetRate)!;
        stream.Write(signal);
        stream.Complete();
        var y = new double[stream.OutputLength(signal.Length)];
        stream.Read(y);
        return y;
    }

    /// <summary>Octave's anti-aliasing filter for a p/q rate change, scaled to a DC gain of p (unit sum, times p).</summary>
    internal static double[] DesignFilter(int up, int down)
    {
        const double log10Rejection = -3.0;
        double stopbandCutoff = 1.0 / (2 * Math.Max(up, down));
        double rollOffWidth = stopbandCutoff / 10;
        double rejectionDb = -20 * log10Rejection;
        int half = (int)Math.Ceiling((rejectionDb - 8) / (28.714 * rollOffWidth));

        // Kaiser's β for the rejection: 60 dB is in the "> 50 dB" branch of Kaiser's formula.
        double beta = rejectionDb > 50
            ? 0.1102 * (rejectionDb - 8.7)
            : rejectionDb >= 21 ? (0.5842 * Math.Pow(rejectionDb - 21, 0.4)) + (0.07886 * (rejectionDb - 21)) : 0.0;

        int length = (2 * half) + 1;
        double[] kaiser = KaiserWindow.Create(length, beta);
        var h = new double[length];
        double sum = 0;
        for (int i = 0; i < length; i++)
        {
            double t = i - half;
            h[i] = kaiser[i] * 2 * up * stopbandCutoff * Sinc(2 * stopbandCutoff * t);
            sum += h[i];
        }

        for (int i = 0; i < length; i++)
        {
            h[i] = h[i] / sum * up;
        }

        return h;
    }

    /// <summary>A stream that resamples from <paramref name="sampleRate"/> to <paramref name="targetRate"/> block by
    /// block with the same filter as <see cref="Resample"/>, or null when the rates are equal.</summary>
    internal static PolyphaseStream? CreateStream(int sampleRate, int targetRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetRate);
        if (sampleRate == targetRate)
        {
            return null;
        }

        int g = Gcd(targetRate, sampleRate);
        int up = targetRate / g;
        int down = sampleRate / g;
        return new PolyphaseStream(up, down, DesignFilter(up, down));
    }

    private static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
