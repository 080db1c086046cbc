namespace RtDenoise.Engine.Chain;

/// <summary>
/// The non-finite guard of the time-domain chain stages, with the same policy as <see cref="Denoiser.Process"/>:
/// NaN and ±Inf in are zeroed and finite samples beyond ±<see cref="MaxInputMagnitude"/> are clipped (1e30
/// through a biquad or +60 dB of gain overflows float), and a stage whose output still went non-finite is reset so
/// the poison does not recirculate in its state (a NaN in a biquad's z1/z2 is NaN to the end
/// of the stream). Loops over the block in place: no allocation on the hot path.
/// </summary>
public static class SampleGuard
{
    /// <summary>Input beyond this magnitude is clipped: 1e30 (finite) would overflow the power spectrum to infinity.</summary>
    public const float MaxInputMagnitude = 1e4f;

    /// <summary>Zeroes non-finite samples and clips the rest to ±<see cref="MaxInputMagnitude"/>; returns how many changed.</summary>
    public static int Sanitise(Span<float> x)
    {
        int changed = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            if (!float.IsFinite(v))
            {
                x[i] = 0f;
                changed++;
            }
            else if (MathF.Abs(v) > MaxInputMagnitude)
            {
                x[i] = MathF.CopySign(MaxInputMagnitude, v);
                changed++;
            }
        }

        return changed;
    }

    /// <summary>Zeroes non-finite samples; returns how many there were.</summary>
    public static int ZeroNonFinite(Span<float> x)
    {
        int bad = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                x[i] = 0f;
                bad++;
            }
        }

        return bad;
    }
}
