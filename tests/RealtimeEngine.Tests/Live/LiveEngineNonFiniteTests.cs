using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Live;

namespace RtDenoise.Engine.Tests.Live;

/// <summary>The live engine (driven without devices) plays no non-finite sample and counts what the
/// denoiser sanitised, for the run summary.</summary>
public sealed class LiveEngineNonFiniteTests
{
    private const int Rate = 48000;
    private const int Block = 480;

    [Fact]
    public void Nan_and_infinity_in_are_counted_and_never_played()
    {
        var processor = new DenoiserProcessor(DenoiserFactory.Create("classic", null, Rate));
        processor.Configure(Rate, Block);
        using var engine = new LiveEngine(processor, new LiveEngineOptions(Rate, Block), null);
        var input = new float[Block];
        var output = new float[Block];
        for (int b = 0; b < 200; b++)
        {
            for (int i = 0; i < Block; i++)
            {
                input[i] = 0.1f * MathF.Sin(((b * Block) + i) * 0.05f);
            }

            if (b == 50)
            {
                input[10] = float.NaN;
                input[11] = float.PositiveInfinity;
                input[12] = float.NegativeInfinity;
            }

            engine.OnInput(input, 0);
            while (engine.Step())
            {
            }

            engine.OnOutput(output, 0);
            Assert.All(output, v => Assert.True(float.IsFinite(v)));
        }

        Assert.Equal(3, engine.SanitisedSamples);
        Assert.Equal(0, engine.StateResets);
        Assert.Contains(output, v => v != 0f);
    }

    [Fact]
    public void Bypass_has_nothing_to_count()
    {
        using var engine = new LiveEngine(null, new LiveEngineOptions(Rate, Block) { Bypass = true }, null);
        Assert.Equal(0, engine.SanitisedSamples);
        Assert.Equal(0, engine.StateResets);
    }
}
