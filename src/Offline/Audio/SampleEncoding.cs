namespace RtDenoise.Offline.Audio;

/// <summary>The sample encodings we read and write: integer PCM 8/16/24/32-bit and IEEE float 32/64-bit.</summary>
public enum SampleEncoding
{
    Pcm8,
    Pcm16,
    Pcm24,
    Pcm32,
    Float32,
    Float64,
}

/// <summary>Conversions between raw little-endian sample bytes and float samples in [−1, 1].</summary>
public static class SampleCodec
{
    public static int BytesPerSample(SampleEncoding e) => e switch
    {
        SampleEncoding.Pcm8 => 1,
        SampleEncoding.Pcm16 => 2,
        SampleEncoding.Pcm24 => 3,
        SampleEncoding.Pcm32 => 4,
        SampleEncoding.Float32 => 4,
        SampleEncoding.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    public static string Describe(SampleEncoding e) => e switch
    {
        SampleEncoding.Pcm8 => "8-bit PCM",
        SampleEncoding.Pcm16 => "16-bit PCM",
        SampleEncoding.Pcm24 => "24-bit PCM",
        SampleEncoding.Pcm32 => "32-bit PCM",
        SampleEncoding.Float32 => "32-bit float",
        SampleEncoding.Float64 => "64-bit float",
        _ => e.ToString(),
    };

    /// <summary>Decodes <paramref name="dest"/>.Length samples from <paramref name="src"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> src, SampleEncoding e, Span<float> dest)
    {
        switch (e)
        {
            case SampleEncoding.Pcm8:
                for (int i = 0; i < dest.Length; i++)
                {
                    dest[i] = (src[i] - 128) / 128f; // 8-bit WAV is unsigned, offset 128
                }

                break;
            case SampleEncoding.Pcm16:
                for (int i = 0; i < dest.Length; i++)
                {
                    dest[i] = (short)(src[2 * i] | (src[(2 * i) + 1] << 8)) / 32768f;
                }

                break;
            case SampleEncoding.Pcm24:
                for (int i = 0; i < dest.Length; i++)
                {
                    int v = (src[3 * i] << 8) | (src[(3 * i) + 1] << 16) | (src[(3 * i) + 2] << 24);
                    dest[i] = (v >> 8) / 8388608f;
                }

                break;
            case SampleEncoding.Pcm32:
                for (int i = 0; i < dest.Length; i++)
                {
                    dest[i] = (float)(BitConverter.ToInt32(src.Slice(4 * i, 4)) / 2147483648.0);
                }

                break;
            case SampleEncoding.Float32:
                for (int i = 0; i < dest.Length; i++)
                {
                    dest[i] = BitConverter.ToSingle(src.Slice(4 * i, 4));
                }

                break;
            case SampleEncoding.Float64:
                for (int i = 0; i < dest.Length; i++)
                {
                    // Finite values are clamped before narrowing: a double beyond float's range would become ±∞ and be zeroed by
                    // the sanitiser, where the same value stored as float32 is clipped; one rule for both.
                    double d = BitConverter.ToDouble(src.Slice(8 * i, 8));
                    dest[i] = double.IsFinite(d) ? (float)Math.Clamp(d, float.MinValue, float.MaxValue) : (float)d;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e));
        }
    }

    /// <summary>Encodes samples; integer formats are rounded to nearest and clipped to their range.</summary>
    public static void Encode(ReadOnlySpan<float> src, SampleEncoding e, Span<byte> dest)
    {
        switch (e)
        {
            case SampleEncoding.Pcm8:
                for (int i = 0; i < src.Length; i++)
                {
                    dest[i] = (byte)(Quantize(src[i], 128) + 128);
                }

                break;
            case SampleEncoding.Pcm16:
                for (int i = 0; i < src.Length; i++)
                {
                    BitConverter.TryWriteBytes(dest.Slice(2 * i, 2), (short)Quantize(src[i], 32768));
                }

                break;
            case SampleEncoding.Pcm24:
                for (int i = 0; i < src.Length; i++)
                {
                    int v = (int)Quantize(src[i], 8388608);
                    dest[3 * i] = (byte)v;
                    dest[(3 * i) + 1] = (byte)(v >> 8);
                    dest[(3 * i) + 2] = (byte)(v >> 16);
                }

                break;
            case SampleEncoding.Pcm32:
                for (int i = 0; i < src.Length; i++)
                {
                    BitConverter.TryWriteBytes(dest.Slice(4 * i, 4), (int)Quantize(src[i], 2147483648.0));
                }

                break;
            case SampleEncoding.Float32:
                for (int i = 0; i < src.Length; i++)
                {
                    BitConverter.TryWriteBytes(dest.Slice(4 * i, 4), src[i]);
                }

                break;
            case SampleEncoding.Float64:
                for (int i = 0; i < src.Length; i++)
                {
                    BitConverter.TryWriteBytes(dest.Slice(8 * i, 8), (double)src[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e));
        }
    }

    private static long Quantize(float x, double fullScale)
    {
        double v = Math.Round(x * fullScale);
        return (long)Math.Clamp(v, -fullScale, fullScale - 1);
    }
}
