using RtDenoise.Engine.Model;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>The model in models/ loads, runs in real time shape, and denoising with it is deterministic.</summary>
public sealed class ShippedModelTests
{
    private static string? ShippedModel()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "models", "denoiser-fp32.rtm");
            if (File.Exists(Path.Combine(d.FullName, "Realtime.sln")))
            {
                return File.Exists(p) ? p : null;
            }
        }

        return null;
    }

    [Fact]
    public void Shipped_model_is_valid_and_within_the_latency_budget()
    {
        string? path = ShippedModel();
        Assert.NotNull(path);
        RtmModel m = RtmModel.Load(path);
        Assert.Equal(16000, m.SampleRate);
        Assert.True(m.LatencyMs <= 20.0, $"latency {m.LatencyMs} ms");
        Assert.All(m.Layers, l => Assert.Equal("fp32", l.Format));
    }

    [Fact]
    public void Denoising_with_the_shipped_model_is_deterministic()
    {
        string? path = ShippedModel();
        Assert.NotNull(path);
        var rng = new Random(21);
        var x = new float[48000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((0.2 * Math.Sin(i * 0.07) * Math.Max(0, Math.Sin(i * 0.0005))) + (0.05 * (rng.NextDouble() - 0.5)));
        }

        float[] Run(int block)
        {
            using Denoiser d = DenoiserFactory.Create("dnn", path, 48000);
            var y = new float[x.Length];
            for (int pos = 0; pos < x.Length; pos += block)
            {
                int n = Math.Min(block, x.Length - pos);
                d.Process(x.AsSpan(pos, n), y.AsSpan(pos, n));
            }

            return y;
        }

        float[] a = Run(480), b = Run(480), c = Run(1024);
        Assert.Equal(a, b);
        Assert.Equal(a, c);
        Assert.Contains(a, v => v != 0f);
    }
}
