using RtDenoise.Engine.Model;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Model;

namespace RtDenoise.Engine.Tests.Model;

public sealed class QuantizedModelTests
{
    public static TheoryData<string> Formats() =>
        ["fixed2", "fixed4", "fixed8", "vbs2", "vbs3", "vbs4", "vbs4s1", "vbs4g32", "vbs6", "vbs8", "int2", "int3", "int4", "int4b32", "int8",
            "lut2", "lut3", "lut4", "lut4r", "lut8"];

    private static RtmModel Quantized(RtmModel m, string format) =>
        ModelQuantizer.Quantize(m, [.. Enumerable.Repeat(WeightFormat.Parse(format), m.Layers.Count)]);

    [Theory]
    [MemberData(nameof(Formats))]
    public void File_round_trip_keeps_every_payload_and_decoded_weight(string format)
    {
        RtmModel q = Quantized(TestModels.Random(21, hidden: 40), format);
        RtmModel back = RtmModel.Parse(RtmWriter.ToBytes(q), "q.rtm");
        for (int i = 0; i < q.Layers.Count; i++)
        {
            Assert.Equal(q.Layers[i].Format, back.Layers[i].Format);
            Assert.Equal(q.Layers[i].Payload, back.Layers[i].Payload);
            (QuantizedMatrix a, float[] ba) = q.Layers[i].DecodeQuantized();
            (QuantizedMatrix b, float[] bb) = back.Layers[i].DecodeQuantized();
            var wa = new float[a.WeightCount];
            var wb = new float[b.WeightCount];
            a.Decode(wa);
            b.Decode(wb);
            Assert.Equal(wa, wb);
            Assert.Equal(ba, bb);

            // Exact accounting: the layer payload is the matrix's tight payload plus the float32 bias.
            Assert.Equal(a.StorageBytes + (4L * q.Layers[i].Out), q.Layers[i].Payload.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Quantized_model_matches_the_float_model_of_its_decoded_weights(string format)
    {
        RtmModel q = Quantized(TestModels.Random(22, window: 128, context: 3, hidden: 48, heScaled: true), format);
        RtmModel f = ModelQuantizer.Dequantize(q);
        Assert.All(f.Layers, l => Assert.False(l.IsQuantized));
        var decoded = f.Layers.Select(l => l.DecodeFp32()).ToArray();
        var pq = new DnnSpectralProcessor(q);
        var pf = new DnnSpectralProcessor(f);
        var features = new SpectralFeatures(q.Layout.Bins, q.ContextFrames, q.Mean, q.Std);
        pq.Configure(q.Layout);
        pf.Configure(f.Layout);
        int bins = q.Layout.Bins;
        var rng = new Random(5);
        var re = new float[bins];
        var im = new float[bins];
        var gq = new float[bins];
        var gf = new float[bins];
        var x0 = new float[q.FeatureCount];
        double sumDiff = 0;
        int count = 0;
        for (int frame = 0; frame < 20; frame++)
        {
            for (int k = 0; k < bins; k++)
            {
                re[k] = (float)(rng.NextDouble() - 0.5);
                im[k] = (float)(rng.NextDouble() - 0.5);
            }

            pq.ProcessFrame(re, im, gq);
            pf.ProcessFrame(re, im, gf);
            features.Push(re, im, x0);

            // The kernels' documented error (QuantizedLinear remarks): the only approximation is the per-call int8
            // rounding of the activations, |Δy| ≤ ½·sx·Σ|w_row|, sx = max|x|/127. Propagate it through the layers:
            // an input already off by e adds |W|·e, ReLU is 1-Lipschitz, the floored sigmoid has slope ≤ (1−floor)/4.
            double[] x = [.. x0.Select(v => (double)v)];
            double[] e = new double[x.Length];
            for (int l = 0; l < decoded.Length; l++)
            {
                (float[] w, float[] b) = decoded[l];
                int n = f.Layers[l].In, m = f.Layers[l].Out;
                double sx = (x.Max(Math.Abs) + e.Max()) / 127;
                var y = new double[m];
                var ey = new double[m];
                for (int o = 0; o < m; o++)
                {
                    double acc = b[o], abs = 0, prop = 0;
                    for (int i = 0; i < n; i++)
                    {
                        double wi = w[(o * n) + i];
                        acc += wi * x[i];
                        abs += Math.Abs(wi);
                        prop += Math.Abs(wi) * e[i];
                    }

                    y[o] = f.Layers[l].Activation == Activation.Relu ? Math.Max(0, acc) : acc;
                    ey[o] = prop + (0.5 * sx * abs) + 1e-4;
                }

                x = y;
                e = ey;
            }

            for (int k = 0; k < bins; k++)
            {
                double bound = (1 - q.GainFloor) / 4 * e[k];
                Assert.True(Math.Abs(gq[k] - gf[k]) <= bound + 1e-5, $"{format} frame {frame} bin {k}: |{gq[k]} − {gf[k]}| > bound {bound}");
                sumDiff += Math.Abs(gq[k] - gf[k]);
                count++;
            }
        }

        // And on average far inside it: a decode or layout error moves gains by 0.1–1.
        Assert.True(sumDiff / count < 0.01, $"{format}: mean gain difference {sumDiff / count}");
    }

    [Fact]
    public void Quantized_processor_allocates_nothing_per_frame()
    {
        RtmModel m = ModelQuantizer.Quantize(TestModels.Random(23, window: 256, context: 4, hidden: 64),
            [WeightFormat.Parse("vbs4"), WeightFormat.Parse("int3"), WeightFormat.Parse("lut4")]);
        var p = new DnnSpectralProcessor(m);
        p.Configure(m.Layout);
        Assert.NotNull(p.QuantizedKernelPath);
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

        Assert.Equal(0, TestSignals.AllocatedBytes(_ => p.ProcessFrame(re, im, g), warmup: 200, calls: 2000));
    }

    [Fact]
    public void Loader_rejects_corrupted_quantized_payloads()
    {
        RtmModel q = Quantized(TestModels.Random(24, hidden: 40), "vbs4");
        RtmLayer l = q.Layers[0];

        void Rejects(RtmLayer bad, string fragment)
        {
            var layers = q.Layers.ToList();
            layers[0] = bad;
            var model = new RtmModel(q.Layout, q.ContextFrames, q.GainFloor, q.Mean, q.Std, layers);
            var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(RtmWriter.ToBytes(model), "bad.rtm"));
            Assert.Contains("layer 0", ex.Message);
            Assert.Contains(fragment, ex.Message);
        }

        // One byte short and one byte long: the length no longer matches format and shape.
        Rejects(new RtmLayer(l.In, l.Out, l.Activation, l.Format, l.Payload[..^1]), "bytes");
        Rejects(new RtmLayer(l.In, l.Out, l.Activation, l.Format, [.. l.Payload, 0]), "bytes");

        // Unknown format names.
        Rejects(new RtmLayer(l.In, l.Out, l.Activation, "vbs9", l.Payload), "unknown");
        Rejects(new RtmLayer(l.In, l.Out, l.Activation, "foo4", l.Payload), "unknown");

        // The same payload under another format of different size.
        Rejects(new RtmLayer(l.In, l.Out, l.Activation, "int4", l.Payload), "int4");

        // VBS metadata: shift-code bit count s = 7 is impossible for 4-bit codes.
        byte[] badShift = [.. l.Payload];
        badShift[0] = 7;
        Rejects(new RtmLayer(l.In, l.Out, l.Activation, l.Format, badShift), "shift");

        // A non-finite bias.
        byte[] nanBias = [.. l.Payload];
        BitConverter.TryWriteBytes(nanBias.AsSpan(nanBias.Length - 4), float.NaN);
        Rejects(new RtmLayer(l.In, l.Out, l.Activation, l.Format, nanBias), "bias");
    }
}
