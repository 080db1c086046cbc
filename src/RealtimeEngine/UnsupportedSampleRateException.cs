namespace RtDenoise.Engine;

/// <summary>A stream rate the denoiser cannot run at: outside <see cref="SampleRateRange"/>, or a ratio to the model's rate that
/// needs more polyphase phases than the resampler builds (e.g. 44101 Hz against 16000 Hz). The message says which
/// and what to do; the command line maps it to exit 2.</summary>
public sealed class UnsupportedSampleRateException : ArgumentOutOfRangeException
{
    private readonly string _message;

    public UnsupportedSampleRateException(string message)
        : base("sampleRate", message)
    {
        _message = message;
    }

    /// <summary>The message alone, without the "(Parameter 'sampleRate')" suffix of the base class.</summary>
    public override string Message => _message;

    /// <summary>Throws unless <paramref name="sampleRate"/> can be converted to and from <paramref name="modelRate"/>.</summary>
    public static void ThrowIfUnsupported(int sampleRate, int modelRate)
    {
        if (!SampleRateRange.Contains(sampleRate))
        {
            throw new UnsupportedSampleRateException($"sample rate {sampleRate} Hz is not supported: expected {SampleRateRange.Describe()}.");
        }

        if (!Resampling.PolyphaseResampler.SupportsRatio(sampleRate, modelRate))
        {
            throw new UnsupportedSampleRateException(
                $"sample rate {sampleRate} Hz is not supported: its ratio to the model's {modelRate} Hz needs more than " +
                $"{Resampling.PolyphaseResampler.MaxPhases} polyphase phases; resample to a common rate (8, 16, 22.05, 32, 44.1, 48 or 96 kHz) first.");
        }
    }
}
