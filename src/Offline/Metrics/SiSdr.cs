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
        double ss = 0, sp = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            ss += clean[i] * clean[i];
            sp += clean[i] * processed[i];
        }

        if (ss == 0)
        {
            throw new ArgumentException("SI-SDR is undefined when the clean signal is all zeros (nothing to scale).");
        }

        double alpha = sp / ss;
        double target = 0, noise = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            double t = alpha * clean[i];
            double e = t - processed[i];
            target += t * t;
            noise += e * e;
        }

        if (target == 0)
        {
            return -CapDb;
        }

        if (noise == 0)
        {
            return CapDb;
        }

        return Math.Clamp(10 * Math.Log10(target / noise), -CapDb, CapDb);
    }
}
