using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Live;

namespace RtDenoise.Engine.Tests.Live;

/// <summary>The live engine driven without devices: the test plays both callbacks and the engine thread.</summary>
public sealed class LiveEngineTests
{
    private const int Rate = 48000;
    private const int Block = 480;

    /// <summary>The classic denoiser as the engine takes it: a processor configured for the stream.</summary>
    private static DenoiserProcessor Classic()
    {
        var processor = new DenoiserProcessor(DenoiserFactory.Create("classic", null, Rate));
        processor.Configure(Rate, Block);
        return processor;
    }

    [Fact]
    public void EngineHopAndBothCallbacksAllocateNothing()
    {
        var telemetry = new TelemetryChannel(capacity: 256);
        using var engine = new LiveEngine(Classic(), new LiveEngineOptions(Rate, Block), telemetry);
        var input = Noise(Block, seed: 7);
        var output = new float[Block];

        // Warm up: JIT tiers, the channel's queue growing to its capacity, the output ring leaving its priming state.
        long allocated = TestSignals.AllocatedBytes(_ => Cycle(engine, input, output), warmup: 600, calls: 2000);
        Assert.Equal(0, allocated);
        Assert.True(engine.Hops >= 2600, $"every cycle ran a hop ({engine.Hops})");
        Assert.True(telemetry.Dropped > 0, "the channel was full, so DropOldest was exercised in the measured loop");
        Assert.Equal(0, engine.Xruns.Total);
    }

    [Fact]
    public void OutputIsTheDenoiserOutputDelayedByTheTargetFill()
    {
        // Feed 1 s of noise block by block; the output stream must equal an offline Denoiser run over the same
        // input, preceded by silence while the ring primes (one block + the target fill).
        var signal = Noise(Rate, seed: 3);
        var expected = new float[signal.Length];
        using (var reference = DenoiserFactory.Create("classic", null, Rate))
        {
            reference.Process(signal, expected);
        }

        var options = new LiveEngineOptions(Rate, Block) { TargetFillFrames = Block };
        using var engine = new LiveEngine(Classic(), options, null);
        var played = new List<float>();
        var output = new float[Block];
        for (int pos = 0; pos < signal.Length; pos += Block)
        {
            engine.OnInput(signal.AsSpan(pos, Block), 0);
            while (engine.Step())
            {
            }

            engine.OnOutput(output, 0);
            played.AddRange(output);
        }

        // Priming: the first output callback that sees block + target (= 2 blocks) starts playback.
        int primingBlocks = options.TargetFillFrames / Block;
        Assert.All(played.Take(primingBlocks * Block), v => Assert.Equal(0f, v));
        for (int i = 0; i < played.Count - (primingBlocks * Block); i++)
        {
            Assert.Equal(expected[i], played[i + (primingBlocks * Block)]);
        }

        Assert.Equal(0, engine.Xruns.Total);
    }

    [Fact]
    public void UnderrunPlaysSilenceCountsOnceAndPrimesAgain()
    {
        using var engine = new LiveEngine(null, new LiveEngineOptions(Rate, Block) { Bypass = true, TargetFillFrames = Block }, null);
        var ones = Enumerable.Repeat(0.5f, Block).ToArray();
        var output = new float[Block];
        engine.OnInput(ones, 0);
        engine.OnInput(ones, 0);
        while (engine.Step())
        {
        }

        engine.OnOutput(output, 0); // 2 blocks stored = block + target: playback starts
        Assert.All(output, v => Assert.Equal(0.5f, v));
        engine.OnOutput(output, 0);
        engine.OnOutput(output, 0); // ring empty: underrun
        Assert.All(output, v => Assert.Equal(0f, v));
        Assert.Equal(1, engine.Xruns.OutputRingUnderrunCount);
        engine.OnOutput(output, 0); // still priming: silence, not another xrun
        Assert.Equal(1, engine.Xruns.OutputRingUnderrunCount);
    }

    [Fact]
    public void PassthroughPolicyPlaysNewestDryInputOnUnderrun()
    {
        using var engine = new LiveEngine(null, new LiveEngineOptions(Rate, Block) { Bypass = true, Underrun = UnderrunPolicy.Passthrough }, null);
        var dry = Enumerable.Range(0, Block).Select(i => i / (float)Block).ToArray();
        var output = new float[Block];
        engine.OnInput(new float[Block], 0);
        engine.OnInput(dry, 0); // engine not stepped: ring B empty
        engine.OnOutput(output, 0);
        Assert.Equal(dry, output);
    }

    [Fact]
    public void OutputFillAboveSlackIsDroppedBackToTarget()
    {
        var options = new LiveEngineOptions(Rate, Block) { Bypass = true };
        using var engine = new LiveEngine(null, options, null);
        var output = new float[Block];
        for (int i = 0; i < 10; i++)
        {
            engine.OnInput(Noise(Block, i), 0);
        }

        while (engine.Step())
        {
        }

        engine.OnOutput(output, 0);
        Assert.Equal(1, engine.Xruns.DriftResyncCount);
        Assert.Equal(options.TargetFillFrames, engine.OutputRing.Count);
    }

    [Fact]
    public void PersistentSurplusIsDroppedAfterOneWindow()
    {
        // Two blocks more than needed stay in ring B (below the immediate-drop slack): after half a second of
        // steady input/output they must be gone, leaving the fill at block + target before each callback.
        var options = new LiveEngineOptions(Rate, Block) { Bypass = true, TargetFillFrames = Block };
        using var engine = new LiveEngine(null, options, null);
        var output = new float[Block];
        for (int i = 0; i < 4; i++)
        {
            engine.OnInput(Noise(Block, i), 0);
        }

        int cycles = (options.SurplusWindowFrames / Block) + 2;
        for (int i = 0; i < cycles; i++)
        {
            while (engine.Step())
            {
            }

            engine.OnOutput(output, 0);
            engine.OnInput(Noise(Block, 100 + i), 0);
        }

        while (engine.Step())
        {
        }

        Assert.Equal(1, engine.Xruns.DriftResyncCount);
        Assert.Equal(Block + options.TargetFillFrames, engine.OutputRing.Count);
        Assert.Equal(0, engine.Xruns.Total);
    }

    [Fact]
    public void InputRingOverflowIsCounted()
    {
        using var engine = new LiveEngine(null, new LiveEngineOptions(Rate, Block) { Bypass = true, RingFrames = 4 * Block }, null);
        int capacity = engine.InputRing.Capacity;
        for (int written = 0; written <= capacity; written += Block)
        {
            engine.OnInput(new float[Block], 0);
        }

        Assert.True(engine.Xruns.InputRingOverflowCount >= 1);
    }

    private static void Cycle(LiveEngine engine, float[] input, float[] output)
    {
        engine.OnInput(input, 0);
        engine.Step();
        engine.OnOutput(output, 0);
    }

    private static float[] Noise(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)((rng.NextDouble() * 2) - 1) * 0.1f;
        }

        return x;
    }
}
