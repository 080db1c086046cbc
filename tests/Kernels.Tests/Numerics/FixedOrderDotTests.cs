using RtDenoise.Kernels.Numerics;

namespace RtDenoise.Kernels.Tests.Numerics;

/// <summary>
/// The resampler's dot product must give the same bits on every ISA. This suite also runs under
/// DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 (scripts/test.sh) and under qemu-aarch64,
/// so each run compares the vector code with the scalar specification of its order.
/// </summary>
public sealed class FixedOrderDotTests
{
    /// <summary>The specification: eight lanes in two groups of four, reduced as drawn in FixedOrderDot.</summary>
    private static float Specification(float[] a, float[] b)
    {
        var acc = new float[8];
        int i = 0;
        for (; i + 8 <= a.Length; i += 8)
        {
            for (int l = 0; l < 8; l++)
            {
                acc[l] += a[i + l] * b[i + l];
            }
        }

        float s0 = acc[0] + acc[4], s1 = acc[1] + acc[5], s2 = acc[2] + acc[6], s3 = acc[3] + acc[7];
        float r = (s0 + s1) + (s2 + s3);
        for (; i < a.Length; i++)
        {
            r += a[i] * b[i];
        }

        return r;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(96)]
    [InlineData(1001)]
    public void Equals_its_scalar_specification_bit_for_bit(int n)
    {
        var rng = new Random(n + 1);
        float[] a = [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5))];
        float[] b = [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() - 0.5) * 1e3))];
        Assert.Equal(BitConverter.SingleToInt32Bits(Specification(a, b)), BitConverter.SingleToInt32Bits(FixedOrderDot.Dot(a, b)));
    }

    [Fact]
    public void Differs_from_a_plain_sequential_sum_so_the_test_above_can_fail()
    {
        // Large cancelling terms make the order visible in the last bits.
        var rng = new Random(9);
        float[] a = [.. Enumerable.Range(0, 64).Select(i => (float)((i % 2 == 0 ? 1e4 : -1e4) + rng.NextDouble()))];
        float[] b = [.. Enumerable.Range(0, 64).Select(_ => (float)(1 + rng.NextDouble()))];
        float sequential = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sequential += a[i] * b[i];
        }

        Assert.NotEqual(sequential, FixedOrderDot.Dot(a, b));
    }

    [Fact]
    public void Unequal_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FixedOrderDot.Dot(new float[3], new float[4]));
    }
}
