using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Live;
using RtDenoise.Engine.Processing;

namespace RtDenoise.Engine.Tests.BandSplit;

/// <summary>
/// With the bypass processor the output is the input delayed by the declared latency, at every rate
/// (the residual band completes the resampler round trip), in the engine, in the plugin's processing class and in the
/// live engine. Tone plus white noise fills the whole band, so a lost band above 7.4 kHz shows as an error ≈ 0.2.
/// </summary>
public sealed class BypassTransparencyTests
{
    private const double Tolerance = 1e-3;

    public static TheoryData<int, int> RatesAndBlocks
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (int rate in new[] { 8000, 16000, 22050, 44100, 48000 })
            {
                foreach (int block in new[] { 1, 7, 480, 1024, 4096 })
                {
                    data.Add(rate, block);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RatesAndBlocks))]
    public void Denoiser_bypass_returns_the_full_band_input_delayed_by_LatencySamples(int rate, int block)
    {
        using Denoiser d = DenoiserFactory.Create("bypass", null, rate);
        float[] x = FullBandSignals.ToneAndWhiteNoise(rate, rate, seed: rate + block);
        var y = new float[x.Length];
        for (int pos = 0; pos < x.Length; pos += block)
        {
            int n = Math.Min(block, x.Length - pos);
            d.Process(x.AsSpan(pos, n), y.AsSpan(pos, n));
        }

        Assert.Equal(d.LatencySeconds * rate, d.LatencySamples, 6);
        double err = FullBandSignals.MaxErrorAfter(x, y, d.LatencySamples, from: 0);
        Assert.True(err <= Tolerance, $"{rate} Hz, blocks of {block}: max error {err:E3} after latency compensation");
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Plugin_processing_class_with_the_bypass_processor_is_transparent(int rate)
    {
        // PluginInstance runs a DenoiserProcessor; with its controls at their defaults its output is the Denoiser's.
        using var d = new DenoiserProcessor(DenoiserFactory.Create("bypass", null, rate));
        float[] x = FullBandSignals.ToneAndWhiteNoise(rate, rate, seed: 3);
        var y = new float[x.Length];
        var rng = new Random(rate);
        for (int pos = 0; pos < x.Length;)
        {
            int n = Math.Min(rng.Next(1, 1500), x.Length - pos);
            x.AsSpan(pos, n).CopyTo(y.AsSpan(pos, n));
            d.Process(y.AsSpan(pos, n));
            pos += n;
        }

        double err = FullBandSignals.MaxErrorAfter(x, y, d.LatencySamples, from: 0);
        Assert.True(err <= Tolerance, $"{rate} Hz: max error {err:E3} after latency compensation");
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Live_engine_with_the_bypass_processor_is_transparent(int rate)
    {
        // Driven without devices as in LiveEngineTests: playback starts after one block plus the target fill.
        const int block = 480;
        var options = new LiveEngineOptions(rate, block) { TargetFillFrames = block };
        var denoiser = DenoiserFactory.Create("bypass", null, rate);
        int latency = denoiser.LatencySamples;
        var processor = new DenoiserProcessor(denoiser);
        processor.Configure(rate, block);
        using var engine = new LiveEngine(processor, options, null);
        float[] x = FullBandSignals.ToneAndWhiteNoise(rate, rate / block * block, seed: 5);
        var played = new float[x.Length];
        for (int pos = 0; pos < x.Length; pos += block)
        {
            engine.OnInput(x.AsSpan(pos, block), 0);
            while (engine.Step())
            {
            }

            engine.OnOutput(played.AsSpan(pos, block), 0);
        }

        Assert.Equal(0, engine.Xruns.Total);
        double err = FullBandSignals.MaxErrorAfter(x, played, (options.TargetFillFrames / block * block) + latency, from: 0);
        Assert.True(err <= Tolerance, $"{rate} Hz: max error {err:E3} after the priming and the latency");
    }
}
