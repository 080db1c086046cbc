using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Training.Nn;

namespace RtDenoise.Training.Tests;

/// <summary>The STE forward pass uses exactly decode(encode(w)) of the quantizer <c>rtdenoise quantize</c> uses.</summary>
public sealed class FakeQuantizerTests
{
    public static TheoryData<string> Formats => ["vbs2", "vbs3", "vbs4s1", "vbs3g64", "fixed3", "int3", "int4b32", "lut2", "lut3r"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Forward_weights_equal_decode_of_encode_and_restore_gives_back_the_shadow_weights(string name)
    {
        Assert.True(WeightFormat.TryParse(name, out WeightFormat format, out _));
        var net = new Mlp([70, 40, 33], 5);

        // An outlier, as in the shipped first layer, so saturating formats have something to clip.
        net.W[0][7] = 1.5f;
        float[][] shadow = net.W.Select(w => (float[])w.Clone()).ToArray();
        var fq = new FakeQuantizer(net, [format, WeightFormat.Fp32]);
        fq.Apply(net);
        var expected = new float[shadow[0].Length];
        Quantizer.Quantize(shadow[0], 40, 70, format).Decode(expected);
        Assert.Equal(expected, net.W[0]);
        Assert.Equal(shadow[1], net.W[1]);
        Assert.NotEqual(shadow[0], net.W[0]);

        var viaHelper = new float[expected.Length];
        FakeQuantizer.FakeQuantize(shadow[0], 40, 70, format, viaHelper);
        Assert.Equal(expected, viaHelper);

        Array.Fill(net.GW[0], 1f);
        fq.Restore(net, maskGradients: true);
        Assert.Equal(shadow[0], net.W[0]);
        Assert.Equal(shadow[1], net.W[1]);

        // The clipped STE zeroes exactly the gradients of weights outside every level of their grid.
        QuantizedMatrix q = Quantizer.Quantize(shadow[0], 40, 70, format);
        for (int i = 0; i < shadow[0].Length; i++)
        {
            int r = i / 70, c = i % 70, seg = c / q.SegmentLength;
            int levels = 1 << q.Bits;
            ReadOnlySpan<sbyte> lv = q.Levels.Slice(q.TableIndex(r, seg) * levels, levels);
            float scale = q.Scales[(r * q.SegmentsPerRow) + seg];
            int lo = int.MaxValue, hi = int.MinValue;
            foreach (sbyte v in lv)
            {
                (lo, hi) = (Math.Min(lo, v), Math.Max(hi, v));
            }

            bool outside = shadow[0][i] > hi * scale || shadow[0][i] < lo * scale;
            Assert.Equal(outside ? 0f : 1f, net.GW[0][i]);
        }
    }

    [Fact]
    public void Saturating_grid_masks_the_gradient_of_the_clipped_weights()
    {
        // lut2 fits 4 levels by k-means: each level is the mean of its cluster, so the largest weight lies beyond the
        // largest level (outside the grid) and its gradient must not push it further out.
        var net = new Mlp([64, 32, 8], 2);
        float[] w0 = (float[])net.W[0].Clone();
        int top = Array.IndexOf(w0, w0.Max());
        var fq = new FakeQuantizer(net, [WeightFormat.Lut(2), WeightFormat.Fp32]);
        fq.Apply(net);
        Assert.True(fq.SaturatedFraction > 0);
        Assert.True(net.W[0][top] < w0[top]);
        Array.Fill(net.GW[0], 1f);
        fq.Restore(net, maskGradients: true);
        Assert.Equal(w0, net.W[0]);
        Assert.Equal(0f, net.GW[0][top]);
        Assert.Contains(1f, net.GW[0]);
    }
}
