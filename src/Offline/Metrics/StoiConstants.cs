namespace RtDenoise.Offline.Metrics;

/// <summary>The fixed parameters of STOI (Taal et al., IEEE TASLP 2011) and ESTOI (Jensen &amp; Taal, 2016), as
/// pystoi 0.4.1 sets them.</summary>
internal static class StoiConstants
{
    /// <summary>Analysis frame length at 10 kHz (25.6 ms).</summary>
    public const int FrameLength = 256;

    /// <summary>50% overlap.</summary>
    public const int Hop = FrameLength / 2;

    /// <summary>Zero-padded FFT size.</summary>
    public const int FftSize = 512;

    /// <summary>Number of one-third-octave bands.</summary>
    public const int Bands = 15;

    /// <summary>Centre frequency of the lowest band, Hz.</summary>
    public const double MinFrequency = 150;

    /// <summary>Frames per short-time segment (30 × 12.8 ms = 384 ms).</summary>
    public const int SegmentFrames = 30;

    /// <summary>Lower signal-to-distortion bound β of the clipping, dB.</summary>
    public const double Beta = -15;

    /// <summary>Frames more than this far below the loudest clean frame are removed, dB.</summary>
    public const double DynamicRange = 40;

    /// <summary>NumPy's <c>np.finfo(float).eps</c>, the guard pystoi adds to norms and log arguments.</summary>
    public const double Eps = 2.220446049250313e-16;

    /// <summary>The value pystoi returns when fewer than 30 frames remain after silent-frame removal.</summary>
    public const double TooShortResult = 1e-5;

    /// <summary>
    /// MATLAB's <c>hanning(256)</c>, i.e. NumPy's <c>hanning(258)[1:-1]</c>: a symmetric Hann window whose zero
    /// end points are dropped, w[n] = 0.5 - 0.5·cos(2π(n+1)/(N+1)), n = 0..N-1.
    /// </summary>
    public static double[] AnalysisWindow()
    {
        var w = new double[FrameLength];
        for (int n = 0; n < FrameLength; n++)
        {
            w[n] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * (n + 1) / (FrameLength + 1)));
        }

        return w;
    }

    /// <summary>Number of frames pystoi takes from a signal: <c>range(0, len - frame, hop)</c>, which leaves out the
    /// last full frame when (len - frame) is a multiple of hop (a quirk of the reference kept on purpose).</summary>
    public static int FrameCount(int length) =>
        length > FrameLength ? (length - FrameLength + Hop - 1) / Hop : 0;
}
