using RtDenoise.Engine.Chain;
using RtDenoise.Offline.Chain;

namespace RtDenoise.Engine.Tests.Chain;

/// <summary>
/// The time-domain chain stages: one NaN, Inf or 1e30 sample would leave a biquad's state NaN to the end of the
/// stream (`--chain highpass:80`), so the input is sanitised, the output is always finite, the
/// signal comes back, and the stage counts what it replaced.
/// </summary>
public sealed class ChainNonFiniteTests
{
    [Theory]
    [InlineData("highpass:80", 16000)]
    [InlineData("gain:60", 16000)]
    [InlineData("limiter:-1", 48000)]
    [InlineData("highpass:80,gain:60,limiter:-1", 44100)]
    [InlineData("highpass:80,classic", 16000)]
    [InlineData("ladspa:amp_1181.so:amp", 48000)]
    public void Nan_infinity_and_huge_samples_never_reach_the_output(string spec, int rate)
    {
        if (spec.StartsWith("ladspa:", StringComparison.Ordinal) && !File.Exists("/usr/lib/ladspa/amp_1181.so"))
        {
            Assert.Skip("swh-plugins is not installed (apt-get install swh-plugins)");
        }

        using ProcessorChain chain = new ChainFactory().Build(ChainSpecParser.Parse(spec));
        chain.Configure(rate, 4096);
        var x = new float[rate * 2];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 0.1f * MathF.Sin(i * 0.05f);
        }

        x[1000] = float.NaN;
        x[5000] = float.PositiveInfinity;
        x[9000] = 1e30f;
        x[9001] = -1e30f;
        for (int pos = 0; pos < x.Length; pos += 512)
        {
            chain.Process(x.AsSpan(pos, Math.Min(512, x.Length - pos)));
        }

        Assert.All(x, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(x[^1000..], v => v != 0f); // the state was not left poisoned
        Assert.Equal(4, chain.Stages[0].SanitisedSamples);
        Assert.True(chain.SanitisedSamples >= 4);
    }

    [Fact]
    public void Clean_input_is_not_counted_or_changed_by_the_guard()
    {
        using ProcessorChain guarded = new ChainFactory().Build(ChainSpecParser.Parse("gain:6"));
        guarded.Configure(16000, 4096);
        var x = new float[4096];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 0.1f * MathF.Sin(i * 0.05f);
        }

        float[] expected = [.. x.Select(v => v * MathF.Pow(10f, 6f / 20f))];
        guarded.Process(x);
        Assert.Equal(expected, x);
        Assert.Equal(0, guarded.SanitisedSamples);
        Assert.Equal(0, guarded.StateResets);
    }
}
