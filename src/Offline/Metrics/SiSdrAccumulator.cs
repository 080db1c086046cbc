using RtDenoise.Offline.Metrics.Signals;
namespace RtDenoise.Offline.Metrics;

/// <summary>
/// <see cref="SiSdr"/> over a stream, in two passes with the same sums in the same order as the whole-signal form:
/// the first gathers ‖s‖² and ⟨ŝ, s⟩ (hence α), the second ‖α·s‖² and ‖α·s − ŝ‖². Computing the second pair from the
/// first (‖α·s − ŝ‖² = α²‖s‖² − 2α⟨ŝ, s⟩ + ‖ŝ‖²) would need one pass but cancels catastrophically when the
/// distortion is tiny, which is where the ±100 dB cap must still be decided right.
/// </summary>
internal sealed class SiSdrAccumulator
{
    private double _ss;
    private double _sp;
    private double _alpha;
    private double _target;
    private double _noise;
    private bool _secondPass;

    /// <summary>First pass: one block of both signals.</summary>
    public void AddFirstPass(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        for (int i = 0; i < clean.Length; i++)
        {
            _ss += clean[i] * clean[i];
            _sp += clean[i] * processed[i];
        }
    }

    /// <summary>Ends the first pass.</summary>
    /// <exception cref="ArgumentException">The clean signal is all zeros (SI-SDR is undefined).</exception>
    public void StartSecondPass()
    {
        if (_ss == 0)
        {
            throw new ArgumentException("SI-SDR is undefined when the clean signal is all zeros (nothing to scale).");
        }

        _alpha = _sp / _ss;
        _secondPass = true;
    }

    /// <summary>Second pass: the same blocks again.</summary>
    public void AddSecondPass(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        if (!_secondPass)
        {
            throw new InvalidOperationException("the first pass has not ended.");
        }

        for (int i = 0; i < clean.Length; i++)
        {
            double t = _alpha * clean[i];
            double e = t - processed[i];
            _target += t * t;
            _noise += e * e;
        }
    }

    /// <summary>SI-SDR in dB, capped to ±<see cref="SiSdr.CapDb"/>.</summary>
    public double Result()
    {
        if (_target == 0)
        {
            return -SiSdr.CapDb;
        }

        if (_noise == 0)
        {
            return SiSdr.CapDb;
        }

        return Math.Clamp(10 * Math.Log10(_target / _noise), -SiSdr.CapDb, SiSdr.CapDb);
    }
}
