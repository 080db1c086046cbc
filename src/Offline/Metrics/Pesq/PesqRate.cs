namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The rate-dependent settings of ITU-T P.862: alignment block ("downsample") size, alignment FFT length, model frame
/// length (32 ms), the Bark scale, the power and loudness scaling constants, and the padding around each signal.
/// </summary>
internal sealed class PesqRate
{
    private PesqRate(int sampleRate, int blockSize, int alignFftLength, BarkTables bark, float powerScale)
    {
        SampleRate = sampleRate;
        BlockSize = blockSize;
        AlignFftLength = alignFftLength;
        Bark = bark;
        PowerScale = powerScale;
    }

    public static PesqRate Rate8k { get; } = new(8000, 32, 512, BarkTables.NarrowBand, 2.764344e-5f);

    public static PesqRate Rate16k { get; } = new(16000, 64, 1024, BarkTables.WideBand, 6.910853e-6f);

    public int SampleRate { get; }

    /// <summary>Samples per alignment block: the envelope (VAD) resolution, 4 ms.</summary>
    public int BlockSize { get; }

    /// <summary>Length of the FFT windows of the fine (histogram) alignment.</summary>
    public int AlignFftLength { get; }

    /// <summary>Model frame length (32 ms); frames overlap by half.</summary>
    public int FrameLength => 8 * BlockSize;

    public BarkTables Bark { get; }

    /// <summary>Scales summed FFT power to the model's pitch power density (Sp).</summary>
    public float PowerScale { get; }

    /// <summary>Scales the Zwicker loudness to sone (Sl); the same at both rates.</summary>
    public float LoudnessScale => 1.866055e-1f;

    /// <summary>Zeros placed before each signal (and after it, before the data padding).</summary>
    public int SearchBufferSamples => PesqConstants.SearchBuffer * BlockSize;

    /// <summary>Zeros appended after the padded signal.</summary>
    public int DataPaddingSamples => PesqConstants.DataPaddingMs * (SampleRate / 1000);

    public static PesqRate For(int sampleRate) => sampleRate == 8000 ? Rate8k : Rate16k;
}
