using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Offline.Model;

namespace RtDenoise.Engine.Tests.Model;

public sealed class DnnSpectralProcessorTests
{
    [Fact]
    public void ProcessFrame_allocates_nothing()
    {
        RtmModel m = TestModels.Random(7, window: 256, context: 6, hidden: 64);
        var p = new DnnSpectralProcessor(m);
        p.Configure(m.Layout);
        int bins = m.Layout.Bins;
        var re = new float[bins];
        var im = new float[bins];
        var g = new float[bins];
        var rng = new Random(1);
        for (int i = 0; i < bins; i++)
        {
            re[i] = (float)rng.NextDouble();
            im[i] = (float)rng.NextDouble();
        }

        for (int i = 0; i < 200; i++)
        {
            p.ProcessFrame(re, im, g);
        }

        Assert.Equal(0, TestSignals.AllocatedBytes(_ => p.ProcessFrame(re, im, g), calls: 2000));
    }

    [Fact]
    public void Streaming_with_the_processor_allocates_nothing()
    {
        RtmModel m = TestModels.Random(8, window: 256, context: 6, hidden: 64);
        var stft = new StreamingStft(m.Layout, new DnnSpectralProcessor(m));
        var x = new float[4096];
        var y = new float[4096];
        new Random(2).NextBytes(new byte[1]);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Sin(i * 0.01f);
        }

        stft.Process(x, y);

        // Smallest of three windows after warm-up: under load (and with DOTNET_EnableHWIntrinsic=0) a tier-1
        // promotion can land inside a single measured window (1,736 bytes once); an
        // allocation per call would show in every window.
        Assert.Equal(0, TestSignals.AllocatedBytes(_ => stft.Process(x.AsSpan(0, 480), y.AsSpan(0, 480)), warmup: 200, calls: 100));
    }

    [Fact]
    public void Gains_are_between_floor_and_one_and_match_a_scalar_reference()
    {
        RtmModel m = TestModels.Random(9).WithGainExponent(0.7f);
        var p = new DnnSpectralProcessor(m);
        p.Configure(m.Layout);
        int bins = m.Layout.Bins;
        var rng = new Random(4);
        var frames = Enumerable.Range(0, 3).Select(_ => (
            Re: Enumerable.Range(0, bins).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(),
            Im: Enumerable.Range(0, bins).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray())).ToList();
        var g = new float[bins];
        foreach (var f in frames)
        {
            p.ProcessFrame(f.Re, f.Im, g);
        }

        // Scalar reference of the last frame: context = [frame 2, frame 1], normalised, three layers, floored sigmoid.
        var x = new double[m.FeatureCount];
        for (int j = 0; j < m.ContextFrames; j++)
        {
            var f = frames[2 - j];
            for (int k = 0; k < bins; k++)
            {
                double lp = Math.Log((f.Re[k] * (double)f.Re[k]) + (f.Im[k] * (double)f.Im[k]) + 1e-12);
                x[(j * bins) + k] = (lp - m.Mean[(j * bins) + k]) / m.Std[(j * bins) + k];
            }
        }

        foreach (RtmLayer layer in m.Layers)
        {
            var (w, b) = layer.DecodeFp32();
            var y = new double[layer.Out];
            for (int o = 0; o < layer.Out; o++)
            {
                double s = b[o];
                for (int i = 0; i < layer.In; i++)
                {
                    s += w[(o * layer.In) + i] * x[i];
                }

                y[o] = layer.Activation == Activation.Relu ? Math.Max(0, s) : s;
            }

            x = y;
        }

        for (int k = 0; k < bins; k++)
        {
            double expect = Math.Pow(m.GainFloor + ((1 - m.GainFloor) / (1 + Math.Exp(-x[k]))), 0.7);
            Assert.InRange(g[k], MathF.Pow(m.GainFloor, 0.7f) - 1e-6f, 1f + 1e-6f);
            Assert.True(Math.Abs(g[k] - expect) < 1e-4, $"bin {k}: {g[k]} vs {expect}");
        }
    }

    [Fact]
    public void Malformed_quantized_payload_is_an_invalid_model()
    {
        RtmModel m = TestModels.Random(10);
        var layers = m.Layers.ToList();
        layers[1] = new RtmLayer(layers[1].In, layers[1].Out, layers[1].Activation, "vbs4", [1, 2, 3]);
        var q = new RtmModel(m.Layout, m.ContextFrames, m.GainFloor, m.Mean, m.Std, layers);
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(RtmWriter.ToBytes(q), "q.rtm"));
        Assert.Contains("layer 1", ex.Message);
        Assert.Throws<InvalidModelException>(() => new DnnSpectralProcessor(q));
    }
}
