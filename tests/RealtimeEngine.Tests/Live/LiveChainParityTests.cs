using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Live;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Chain;

namespace RtDenoise.Engine.Tests.Live;

/// <summary>
/// File mode and the live engine run one processing path, so the same chain gives the same samples
/// in both. The live engine is driven as in <see cref="LiveEngineTests"/>: the test plays both device callbacks.
/// </summary>
public sealed class LiveChainParityTests
{
    private const int Rate = 48000;
    private const int Block = 480;

    [Theory]
    [InlineData("highpass:80,dnn,limiter:-1")]
    [InlineData("gain:6,classic,limiter:-3")]
    public void TheSameChainGivesTheSameSamplesInFileModeAndLive(string spec)
    {
        float[] signal = TestSignals.WhiteNoise(Rate, 0.3f, 11);
        for (int i = 0; i < signal.Length; i++)
        {
            signal[i] += 0.5f * MathF.Sin(2 * MathF.PI * 220 * i / Rate); // a tone loud enough for the limiter to act
        }

        float[] file = RunFileMode(spec, signal);
        using ProcessorChain chain = new ChainFactory().Build(ChainSpecParser.Parse(spec));
        chain.Configure(Rate, Block);
        int latency = chain.LatencySamples;
        var options = new LiveEngineOptions(Rate, Block) { TargetFillFrames = Block };
        float[] played = RunLive(chain, options, signal, latency);

        // Live output sample n answers input n − latency, after the ring primed (one block + the target fill, here
        // the target only: the engine starts playing when that much is buffered); file mode drops the latency.
        int start = options.TargetFillFrames + latency;
        Assert.Equal(file.AsSpan(0, signal.Length).ToArray(), played.AsSpan(start, signal.Length).ToArray());
    }

    private static float[] RunFileMode(string spec, float[] signal)
    {
        string dir = Directory.CreateTempSubdirectory("rtd-live-parity").FullName;
        try
        {
            string input = Path.Combine(dir, "in.wav");
            string output = Path.Combine(dir, "out.wav");
            WavWriter.WriteAll(input, [signal], Rate);
            var factory = new ChainFactory();
            OfflineDenoiser.Run(input, output, _ => factory.Build(ChainSpecParser.Parse(spec)), cancel: TestContext.Current.CancellationToken);
            return WavReader.ReadAllChannels(output, out _)[0];
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Feeds the signal and then silence long enough to flush the chain's latency; returns what played.</summary>
    private static float[] RunLive(ProcessorChain chain, LiveEngineOptions options, float[] signal, int latency)
    {
        var engine = new LiveEngine(chain, options, null); // not disposed here: the test's using owns the chain
        int total = signal.Length + latency + options.TargetFillFrames + (2 * Block);
        total += Block - (total % Block);
        var input = new float[total];
        signal.CopyTo(input, 0);
        var played = new float[total];
        for (int pos = 0; pos < total; pos += Block)
        {
            engine.OnInput(input.AsSpan(pos, Block), 0);
            while (engine.Step())
            {
            }

            engine.OnOutput(played.AsSpan(pos, Block), 0);
        }

        Assert.Equal(0, engine.Xruns.Total);
        return played;
    }
}
