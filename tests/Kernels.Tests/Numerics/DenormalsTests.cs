using RtDenoise.Kernels.Numerics;

namespace RtDenoise.Kernels.Tests.Numerics;

/// <summary>The hand-made flush-to-zero: vector body and scalar tail agree with the one-value rule at every length.</summary>
public sealed class DenormalsTests
{
    private static readonly float[] Probes =
    [
        0f, -0f, 1e-45f, -1e-45f, 1e-38f, 1.1e-38f, 5e-31f, -9.99e-31f, 1e-30f, -1e-30f, 1.0001e-30f, 1e-20f,
        0.5f, -3f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.Epsilon,
    ];

    [Fact]
    public void Scalar_rule_zeroes_below_the_threshold_and_keeps_the_rest()
    {
        Assert.Equal(0f, Denormals.Flush(1e-45f));
        Assert.Equal(0f, Denormals.Flush(-9.99e-31f));
        Assert.Equal(1e-30f, Denormals.Flush(1e-30f));
        Assert.Equal(-0.5f, Denormals.Flush(-0.5f));
        Assert.True(float.IsNaN(Denormals.Flush(float.NaN)));
        Assert.Equal(float.NegativeInfinity, Denormals.Flush(float.NegativeInfinity));
    }

    [Fact]
    public void Span_flush_matches_the_scalar_rule_at_every_length_and_offset()
    {
        for (int length = 0; length <= 70; length++)
        {
            for (int offset = 0; offset < 3; offset++)
            {
                float[] values = new float[length + offset];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = Probes[((i * 7) + length) % Probes.Length];
                }

                float[] expected = [.. values];
                for (int i = offset; i < expected.Length; i++)
                {
                    expected[i] = Denormals.Flush(expected[i]);
                }

                Denormals.Flush(values.AsSpan(offset));
                for (int i = 0; i < values.Length; i++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(values[i]));
                }

                Assert.DoesNotContain(values.Skip(offset), float.IsSubnormal);
            }
        }
    }
}
