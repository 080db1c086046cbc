namespace RtDenoise.Offline.Metrics;

/// <summary>
/// Scale-invariant signal-to-distortion ratio (J. Le Roux, S. Wisdom, H. Erdogan, J. R. Hershey, "SDR –
/// Half-baked or Well Done?", ICASSP 2019, Eq. 1), in dB, on the signals as given (no mean removal):
/// <code>
///   α       = ⟨ŝ, s⟩ / ‖s‖²         (optimal scaling of the reference s)
///   SI-SDR  = 10·log10( ‖α·s‖² / ‖α·s - ŝ‖² )
/// </code>
/// Unbounded values are capped to ±<see cref="CapDb"/>: a processed signal that is an exact scaled copy of the
/// reference (zero distortion) gives +100 dB, one with no component along the reference (e.g. all zeros or exactly
/// orthogonal) gives -100 dB. 100 dB is far beyond anything float audio can distinguish (float32 rounding alone
/// is ~-150 dB relative, so a rounded copy also lands at the cap), and it keeps JSON output finite.
/// </summary>
public static class SiSdr
{
    /// <summary>The magnitude the result is capped to, dB.</summary>
    public const double CapDb = 100.0;

    /// <summary>SI-SDR of <paramref name="processed"/> against <paramref name="clean"/>, dB, in [-100, 100].</summary>
    /// <exception cref="ArgumentException">The clean signal is all zeros (SI-SDR is undefined), or see
    /// <see cref="MetricInputs.Validate"/>.</exception>
    public static double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        MetricInputs.Validate(clean, processed, 1);
        var sums = new SiSdrAccumulator();
        sums.AddFirstPass(clean, processed);
        sums.StartSecondPass();
        sums.AddSecondPass(clean, processed);
        return sums.Result();
    }
}
