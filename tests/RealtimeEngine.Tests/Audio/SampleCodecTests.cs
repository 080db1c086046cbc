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
}
