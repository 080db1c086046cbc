namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The input filters of P.862: the listening-condition filter of the model (narrow band: IRS receive, applied in the
/// frequency domain; wide band: the P.862.2 100 Hz high-pass IIR) and, for time alignment only, DC removal followed
/// by the standard's alignment IIR cascade (a speech-band weighting that makes the envelopes comparable).
/// </summary>
internal static class InputFilters
{
    // Biquad sections (b0, b1, b2, a1, a2), single-precision coefficients as the standard gives them.
    private static readonly float[] Alignment8k =
    [
        0.885535424f, -0.885535424f, 0.000000000f, -0.771070709f, 0.000000000f,
        0.895092588f, 1.292907193f, 0.449260174f, 1.268869037f, 0.442025372f,
        4.049527940f, -7.865190042f, 3.815662102f, -1.746859852f, 0.786305963f,
        0.500002353f, -0.500002353f, 0.000000000f, 0.000000000f, 0.000000000f,
        0.565002834f, -0.241585934f, -0.306009671f, 0.259688659f, 0.249979657f,
        2.115237288f, 0.919935084f, 1.141240051f, -1.587313419f, 0.665935315f,
        0.912224584f, -0.224397719f, -0.641121413f, -0.246029464f, -0.556720590f,
        0.444617727f, -0.307589321f, 0.141638062f, -0.996391149f, 0.502251622f,
    ];

    private static readonly float[] Alignment16k =
    [
        0.325631521f, -0.086782860f, -0.238848661f, -1.079416490f, 0.434583902f,
        0.403961804f, -0.556985881f, 0.153024077f, -0.415115835f, 0.696590244f,
        4.736162769f, 3.287251046f, 1.753289019f, -1.859599046f, 0.876284034f,
        0.365373469f, 0.000000000f, 0.000000000f, -0.634626531f, 0.000000000f,
        0.884811506f, 0.000000000f, 0.000000000f, -0.256725271f, 0.141536777f,
        0.723593055f, -1.447186099f, 0.723593044f, -1.129587469f, 0.657232737f,
        1.644910855f, -1.817280902f, 1.249658063f, -1.778403899f, 0.801724355f,
        0.633692689f, -0.284644314f, -0.319789663f, 0.000000000f, 0.000000000f,
        1.032763031f, 0.268428979f, 0.602913323f, 0.000000000f, 0.000000000f,
        1.001616361f, -0.823749013f, 0.439731942f, -0.885778255f, 0.000000000f,
        0.752472096f, -0.375388990f, 0.188977609f, -0.077258216f, 0.247230734f,
        1.023700575f, 0.001661628f, 0.521284240f, -0.183867259f, 0.354324187f,
    ];

    // P.862.2 wide-band input filter: a second-order high-pass at about 100 Hz (16000 Hz).
    private static readonly float[] WideBandHighPass16k = [2.740826f, -5.4816519f, 2.740826f, -1.9444777f, 0.94597794f];

    /// <summary>Narrow band: the IRS receive characteristic of a telephone handset.</summary>
    public static void ApplyIrsReceive(PaddedSignal signal, PesqRate rate, PesqFft fft) =>
        FrequencyShaping.Apply(signal.Data, signal.Length, FilterCurves.IrsReceive, rate, fft);

    /// <summary>
    /// Wide band: 16-sample fade in and out (so the filter sees no step), then the high-pass over the samples only.
    /// </summary>
    public static void ApplyWideBandHighPass(PaddedSignal signal, PesqRate rate)
    {
        double[] data = signal.Data;
        int margin = rate.SearchBufferSamples;
        for (int i = 0; i < 16; i++)
        {
            float fade = i / 16.0f;
            data[margin + i - 1] *= fade;
            data[signal.Length - margin - i] *= fade;
        }

        FilterCascadeSingle(WideBandHighPass16k, data.AsSpan(margin, signal.Length - (2 * margin)));
    }

    /// <summary>
    /// A copy of <paramref name="signal"/> for time alignment: mean removed (the mean is taken over the padded length,
    /// as the reference does), the first and last block faded, then the alignment IIR cascade through the padding.
    /// </summary>
    public static PaddedSignal ForAlignment(PaddedSignal signal, PesqRate rate)
    {
        PaddedSignal copy = signal.Copy();
        double[] data = copy.Data;
        int margin = rate.SearchBufferSamples;
        int block = rate.BlockSize;
        double sum = 0;
        for (int i = margin; i < copy.Length - margin; i++)
        {
            sum += data[i];
        }

        double mean = sum / copy.Length;
        for (int i = margin; i < copy.Length - margin; i++)
        {
            data[i] -= mean;
        }

        for (int i = 0; i < block; i++)
        {
            float ramp = (0.5f + i) / block;
            data[margin + i] *= ramp;
            data[copy.Length - margin - 1 - i] *= ramp;
        }

        FilterCascade(rate.SampleRate == 8000 ? Alignment8k : Alignment16k, data.AsSpan(0, copy.Length + rate.DataPaddingSamples));
        return copy;
    }

    /// <summary>
    /// As <see cref="FilterCascade"/> but in single precision, as the reference runs it: the high-pass has its poles
    /// close to z = 1, where single-precision rounding noise is large enough to move the wide-band score.
    /// </summary>
    private static void FilterCascadeSingle(float[] sections, Span<double> x)
    {
        for (int s = 0; s < sections.Length; s += 5)
        {
            float b0 = sections[s], b1 = sections[s + 1], b2 = sections[s + 2], a1 = sections[s + 3], a2 = sections[s + 4];
            float z1 = 0, z2 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                float z0 = (float)x[i] - (a1 * z1) - (a2 * z2);
                x[i] = (b0 * z0) + (b1 * z1) + (b2 * z2);
                z2 = z1;
                z1 = z0;
            }
        }
    }

    /// <summary>Runs <paramref name="x"/> through each biquad (direct form II, zero initial state) in place.</summary>
    private static void FilterCascade(float[] sections, Span<double> x)
    {
        for (int s = 0; s < sections.Length; s += 5)
        {
            double b0 = sections[s], b1 = sections[s + 1], b2 = sections[s + 2], a1 = sections[s + 3], a2 = sections[s + 4];
            double z1 = 0, z2 = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double z0 = x[i] - (a1 * z1) - (a2 * z2);
                x[i] = (b0 * z0) + (b1 * z1) + (b2 * z2);
                z2 = z1;
                z1 = z0;
            }
        }
    }
}
