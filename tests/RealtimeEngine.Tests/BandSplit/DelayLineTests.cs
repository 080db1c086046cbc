using RtDenoise.Engine.Buffers;

namespace RtDenoise.Engine.Tests.BandSplit;

public sealed class DelayLineTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 1)]
    [InlineData(255, 7)]
    [InlineData(908, 1024)]
    public void Output_is_the_input_delayed_for_any_blocking_and_in_place(int delay, int maxBlock)
    {
        var line = new DelayLine(delay);
        float[] x = TestSignals.WhiteNoise(5000, 1f, seed: delay);
        float[] y = (float[])x.Clone();
        var rng = new Random(maxBlock);
        for (int pos = 0; pos < y.Length;)
        {
            int n = Math.Min(rng.Next(1, maxBlock + 1), y.Length - pos);
            line.Process(y.AsSpan(pos, n), y.AsSpan(pos, n)); // in place
            pos += n;
        }

        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(i >= delay ? x[i - delay] : 0f, y[i]);
        }
    }

    [Fact]
    public void Reset_forgets_the_history()
    {
        var line = new DelayLine(3);
        var y = new float[3];
        line.Process([1f, 2f, 3f], y);
        line.Reset();
        line.Process([4f, 5f, 6f], y);
        Assert.Equal([0f, 0f, 0f], y);
    }
}
