using RtDenoise.Engine.Stft;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>Decorator that accumulates the time spent inside the wrapped processor (for the per-stage split).</summary>
internal sealed class TimedSpectralProcessor(ISpectralProcessor inner) : ISpectralProcessor
{
    public long ElapsedNs { get; private set; }

    public long Frames { get; private set; }

    public string Name => inner.Name;

    public void Configure(StftLayout layout) => inner.Configure(layout);

    public void ProcessFrame(Span<float> re, Span<float> im, Span<float> gains)
    {
        long t0 = NativeScheduling.NowNs();
        inner.ProcessFrame(re, im, gains);
        ElapsedNs += NativeScheduling.NowNs() - t0;
        Frames++;
    }

    public void Reset()
    {
        inner.Reset();
        ElapsedNs = 0;
        Frames = 0;
    }
}
