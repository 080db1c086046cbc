using System.Globalization;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// PESQ, ITU-T P.862: narrow band with the P.862.1 mapping to MOS-LQO, or wide band per P.862.2. Follows the ITU
/// reference implementation step by step (level alignment, input filter, envelope and histogram time alignment with
/// utterance splitting, the perceptual model with bad-interval realignment, Lp aggregation), in double precision
/// (the wide-band high-pass runs in single precision, as in the reference, whose result it measurably affects).
/// </summary>
public static class Pesq
{
    /// <summary>
    /// MOS-LQO of <paramref name="degraded"/> against <paramref name="reference"/>. Samples are float audio in [-1, 1]
    /// (scaled by 32768 internally, the int16 scale of the standard); the two may differ in length.
    /// </summary>
    /// <param name="sampleRate">8000 or 16000; wide band needs 16000.</param>
    /// <exception cref="PesqInputException">Rate, length, silence or missing utterances make the pair unscorable.</exception>
    /// <exception cref="NonFiniteSampleException">A sample is NaN or infinite.</exception>
    public static double Compute(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, int sampleRate, PesqMode mode)
    {
        Validate(reference, degraded, sampleRate, mode);
        PesqRate rate = PesqRate.For(sampleRate);
        var fft = new PesqFft();
        int longer = Math.Max(reference.Length, degraded.Length);
        var refSignal = new PaddedSignal(reference, rate, longer);
        var degSignal = new PaddedSignal(degraded, rate, longer);
        int longerPadded = Math.Max(refSignal.Length, degSignal.Length);

        LevelAlignment.Apply(refSignal, longerPadded, rate, fft);
        LevelAlignment.Apply(degSignal, longerPadded, rate, fft);
        if (mode == PesqMode.NarrowBand)
        {
            InputFilters.ApplyIrsReceive(refSignal, rate, fft);
            InputFilters.ApplyIrsReceive(degSignal, rate, fft);
        }
        else
        {
            InputFilters.ApplyWideBandHighPass(refSignal, rate);
            InputFilters.ApplyWideBandHighPass(degSignal, rate);
        }

        UtteranceTable utterances = UtteranceLocator.Locate(new AlignmentInputs(refSignal, degSignal, rate, fft));
        if (utterances.Count == 0)
        {
            throw new PesqInputException(
                "no utterances detected in the degraded signal (no reference speech of at least 0.2 s lines up with it)");
        }

        double raw = PerceptualModel.RawScore(refSignal, degSignal, utterances, rate, fft);
        return MosMapping.ToMosLqo(raw, mode);
    }

    private static void Validate(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, int sampleRate, PesqMode mode)
    {
        if (sampleRate != 8000 && sampleRate != 16000)
        {
            throw new PesqInputException(Invariant($"sample rate {sampleRate} Hz: PESQ runs at 8000 or 16000 Hz"));
        }

        if (mode == PesqMode.WideBand && sampleRate != 16000)
        {
            throw new PesqInputException(Invariant($"wide-band PESQ is defined at 16000 Hz only; got {sampleRate}"));
        }

        CheckFinite(reference, "reference");
        CheckFinite(degraded, "degraded");
        CheckLength(reference, "reference", sampleRate);
        CheckLength(degraded, "degraded", sampleRate);
        if (IsSilent(reference))
        {
            throw new PesqInputException("reference contains no speech (silent): PESQ has nothing to compare against");
        }

        if (IsSilent(degraded))
        {
            throw new PesqInputException("degraded signal is silent: PESQ cannot align its level or time to the reference");
        }
    }

    private static void CheckFinite(ReadOnlySpan<float> x, string name)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                throw new NonFiniteSampleException(name, i, x[i]);
            }
        }
    }

    private static void CheckLength(ReadOnlySpan<float> x, string name, int sampleRate)
    {
        int min = sampleRate / 4;
        if (x.Length < min)
        {
            throw new PesqInputException(Invariant(
                $"{name} is shorter than 0.25 s (PESQ needs at least {min} samples at {sampleRate} Hz; got {x.Length})"));
        }
    }

    private static bool IsSilent(ReadOnlySpan<float> x)
    {
        foreach (float v in x)
        {
            if (v != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
