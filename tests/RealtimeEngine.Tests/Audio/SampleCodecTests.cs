using RtDenoise.Offline.Audio;

namespace RtDenoise.Engine.Tests.Audio;

public sealed class SampleCodecTests
{
    [Theory]
    [InlineData(SampleEncoding.Pcm8, 1.0 / 128)]
    [InlineData(SampleEncoding.Pcm16, 1.0 / 32768)]
    [InlineData(SampleEncoding.Pcm24, 1.0 / 8388608)]
    [InlineData(SampleEncoding.Pcm32, 1e-7)]
    [InlineData(SampleEncoding.Float32, 0)]
    [InlineData(SampleEncoding.Float64, 0)]
    public void Round_trip_is_within_half_a_step(SampleEncoding e, double step)
    {
        var rng = new Random(1);
        float[] x = Enumerable.Range(0, 1000).Select(_ => (float)((rng.NextDouble() * 1.98) - 0.99)).ToArray();
        var bytes = new byte[x.Length * SampleCodec.BytesPerSample(e)];
        SampleCodec.Encode(x, e, bytes);
        var y = new float[x.Length];
        SampleCodec.Decode(bytes, e, y);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(x[i] - y[i]) <= (step / 2) + 1e-7, $"{e}: {x[i]} → {y[i]}");
        }
    }

    [Fact]
    public void Integer_encodings_clip_instead_of_wrapping()
    {
        var bytes = new byte[4];
        SampleCodec.Encode([1.5f, -1.5f], SampleEncoding.Pcm16, bytes);
        var y = new float[2];
        SampleCodec.Decode(bytes, SampleEncoding.Pcm16, y);
        Assert.True(y[0] > 0.999f);
        Assert.Equal(-1f, y[1]);
    }

    [Fact]
    public void Float64_beyond_float_range_is_clipped_like_float32()
    {
        // A float64 1e39 used to narrow to +∞ and be zeroed by the sanitiser, where float32 3e38 was clipped to 1e4.
        var f64 = new byte[16];
        BitConverter.TryWriteBytes(f64.AsSpan(0), 1e39);
        BitConverter.TryWriteBytes(f64.AsSpan(8), -1e300);
        var y64 = new float[2];
        SampleCodec.Decode(f64, SampleEncoding.Float64, y64);
        var f32 = new byte[8];
        BitConverter.TryWriteBytes(f32.AsSpan(0), 3e38f);
        BitConverter.TryWriteBytes(f32.AsSpan(4), -3e38f);
        var y32 = new float[2];
        SampleCodec.Decode(f32, SampleEncoding.Float32, y32);
        Assert.Equal(2, RtDenoise.Engine.Chain.SampleGuard.Sanitise(y64));
        Assert.Equal(2, RtDenoise.Engine.Chain.SampleGuard.Sanitise(y32));
        Assert.Equal(y32, y64);
        Assert.Equal(Denoiser.MaxInputMagnitude, y64[0]);
    }

    [Fact]
    public void Float64_non_finite_stays_non_finite_for_the_sanitiser_to_zero()
    {
        var f64 = new byte[16];
        BitConverter.TryWriteBytes(f64.AsSpan(0), double.PositiveInfinity);
        BitConverter.TryWriteBytes(f64.AsSpan(8), double.NaN);
        var y = new float[2];
        SampleCodec.Decode(f64, SampleEncoding.Float64, y);
        Assert.Equal(float.PositiveInfinity, y[0]);
        Assert.True(float.IsNaN(y[1]));
    }
}
