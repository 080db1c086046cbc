using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Processing;

/// <summary>Unit gain on every bin: the STFT round trip only (same latency as the denoisers, for A/B listening).</summary>
public sealed class BypassProcessor : ISpectralProcessor
{
    public string Name => "bypass";

    public void Configure(StftLayout layout)
    {
    }

    public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
    {
    }

    public void Reset()
    {
    }
}
