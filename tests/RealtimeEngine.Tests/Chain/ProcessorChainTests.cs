using RtDenoise.Engine.Chain;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Chain;

namespace RtDenoise.Engine.Tests.Chain;

public sealed class ProcessorChainTests
{
    private const int Rate = 16000;

    [Fact]
    public void ChainSumsLatenciesAndRunsStagesInOrder()
    {
        using var chain = new ProcessorChain([new DelayProcessor(3), new GainProcessor(-6f), new DelayProcessor(5)]);
        chain.Configure(Rate, 128);
        Assert.Equal(8, chain.LatencySamples);
        float[] x = TestSignals.WhiteNoise(1000, 0.5f, 3);
        float[] y = TestSignals.ProcessInRandomBlocks(chain, x, 100, 4);
        float k = MathF.Pow(10f, -6f / 20f);
        for (int i = 8; i < x.Length; i++)
        {
            Assert.Equal(x[i - 8] * k, y[i], 6);
        }

        Assert.Equal("delay,gain,delay", chain.Name);
        Assert.Equal(-6f, chain.GetParameter("1.gain_db"));
    }

    [Theory]
    [InlineData("highpass:120,classic,limiter:-1")]
    [InlineData("bypass")]
    [InlineData("gain:-3,highpass:60")]
    public void OutputDoesNotDependOnBlockSize(string spec)
    {
        float[] x = TestSignals.WhiteNoise(Rate * 2, 0.3f, 5);
        using ProcessorChain a = new ChainFactory().Build(ChainSpecParser.Parse(spec));
        using ProcessorChain b = new ChainFactory().Build(ChainSpecParser.Parse(spec));
        a.Configure(Rate, 4096);
        b.Configure(Rate, 4096);
        float[] whole = (float[])x.Clone();
        a.Process(whole);
        float[] pieces = TestSignals.ProcessInRandomBlocks(b, x, 700, 6);
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void FileModeCompensatesTheChainsTotalLatency()
    {
        string dir = Directory.CreateTempSubdirectory("rtd-chain").FullName;
        try
        {
            string input = Path.Combine(dir, "in.wav");
            string output = Path.Combine(dir, "out.wav");
            float[] x = TestSignals.WhiteNoise(10007, 0.4f, 7);
            WavWriter.WriteAll(input, [x, TestSignals.Sine(300, Rate, x.Length)], Rate);
            OfflineDenoiseResult result = OfflineDenoiser.Run(input, output, _ => new ProcessorChain([new DelayProcessor(700), new DelayProcessor(4500)]), cancel: TestContext.Current.CancellationToken);
            float[][] y = WavReader.ReadAllChannels(output, out int rate);
            Assert.Equal(Rate, rate);
            Assert.Equal(x, y[0]);
            Assert.Equal(5200 * 1000.0 / Rate, result.LatencyMilliseconds, 6);
            Assert.Equal("delay,delay", result.Processor);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void DenoiserFactorySignatureStillWorksInFileMode()
    {
        string dir = Directory.CreateTempSubdirectory("rtd-chain").FullName;
        try
        {
            string input = Path.Combine(dir, "in.wav");
            string output = Path.Combine(dir, "out.wav");
            float[] x = TestSignals.Sine(440, Rate, 8000);
            WavWriter.WriteAll(input, [x], Rate);
            OfflineDenoiseResult r = OfflineDenoiser.Run(input, output, rate => DenoiserFactory.Create("bypass", null, rate), cancel: TestContext.Current.CancellationToken);
            float[][] y = WavReader.ReadAllChannels(output, out _);
            Assert.Equal("bypass", r.Processor);
            for (int i = 256; i < x.Length - 256; i++)
            {
                Assert.Equal(x[i], y[0][i], 4); // STFT round trip, latency-aligned
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>A pure delay with a declared latency, so compensation can be checked sample-exactly.</summary>
    private sealed class DelayProcessor(int delay) : AudioProcessorBase("delay")
    {
        private float[] _line = [];
        private int _pos;

        public override int LatencySamples => delay;

        public override void Reset()
        {
            Array.Clear(_line);
            _pos = 0;
        }

        protected override void OnConfigure() => _line = new float[delay];

        protected override void ProcessBlock(Span<float> block)
        {
            for (int i = 0; i < block.Length; i++)
            {
                float v = _line[_pos];
                _line[_pos] = block[i];
                block[i] = v;
                _pos = (_pos + 1) % delay;
            }
        }
    }
}
