namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// One input as the P.862 stages see it: the samples on the int16 scale with <see cref="PesqRate.SearchBufferSamples"/>
/// zeros before and after them (<see cref="Length"/> counts those), then the data padding. The buffer is sized for the
/// longer of the two inputs, so both can be compared frame by frame without copying.
/// </summary>
internal sealed class PaddedSignal
{
    public PaddedSignal(ReadOnlySpan<float> samples, PesqRate rate, int longerInputLength)
    {
        int margin = rate.SearchBufferSamples;
        Length = samples.Length + (2 * margin);
        Data = new double[longerInputLength + (2 * margin) + rate.DataPaddingSamples];
        for (int i = 0; i < samples.Length; i++)
        {
            // The reference takes int16-scaled values: float audio in [-1, 1] times 32768 (exact in float).
            Data[margin + i] = samples[i] * 32768f;
        }
    }

    private PaddedSignal(double[] data, int length)
    {
        Data = data;
        Length = length;
    }

    /// <summary>Samples including the zero margins (not the data padding).</summary>
    public int Length { get; }

    /// <summary>Margins, samples, margin, data padding, and zeros up to the longer input's size.</summary>
    public double[] Data { get; }

    /// <summary>Number of alignment blocks (envelope values) covering <see cref="Length"/>.</summary>
    public int BlockCount(PesqRate rate) => Length / rate.BlockSize;

    public PaddedSignal Copy() => new((double[])Data.Clone(), Length);
}
