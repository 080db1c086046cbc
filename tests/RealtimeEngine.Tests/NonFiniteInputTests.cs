namespace RtDenoise.Engine.Tests;

/// <summary>The audio path never emits a non-finite sample, whatever comes in.</summary>
public sealed class NonFiniteInputTests
{
    public static TheoryData<string, int> Cases => new()
    {
        { "dnn", 16000 }, { "dnn", 48000 }, { "classic", 16000 }, { "bypass", 44100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nan_infinity_and_huge_samples_never_reach_the_output(string processor, int rate)
    {
        using Denoiser d = DenoiserFactory.Create(processor, null, rate);
        var x = new float[rate * 2];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 0.1f * MathF.Sin(i * 0.05f);
        }

        x[1000] = float.NaN;
        x[5000] = float.PositiveInfinity;
        x[9000] = 1e30f;
        x[9001] = -1e30f;
        var y = new float[x.Length];
        d.Process(x, y);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(4, d.SanitisedSamples);

        // After the bad samples the signal comes back (the state was not left poisoned).
        Assert.Contains(y[^1000..], v => v != 0f);
    }

    [Fact]
    public void Clean_input_is_processed_unchanged_by_the_guard()
    {
        using Denoiser a = DenoiserFactory.Create("dnn", null, 16000);
        var x = new float[16000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 0.2f * MathF.Sin(i * 0.031f) * MathF.Sin(i * 0.0007f);
        }

        var y = new float[x.Length];
        a.Process(x, y);
        Assert.Equal(0, a.SanitisedSamples);
        Assert.Equal(0, a.StateResets);
    }
}
