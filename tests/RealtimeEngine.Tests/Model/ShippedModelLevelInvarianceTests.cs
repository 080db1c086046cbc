using RtDenoise.Engine.Model;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Metrics;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>
/// The shipped model's result must not depend on the input level. The bundled sample at −30, −20, −10 and
/// 0 dB (no clipping) gives STOI and SI-SDR gains over its input within 0.005 and 0.3 dB of each other.
/// </summary>
public sealed class ShippedModelLevelInvarianceTests
{
    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Realtime.sln")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (Realtime.sln) not found above the test binaries");
    }

    private static float[] Denoise(string model, float[] x)
    {
        using Denoiser d = DenoiserFactory.Create("dnn", model, 16000);
        int lat = d.LatencySamples;
        var input = new float[x.Length + lat];
        x.CopyTo(input, 0);
        var output = new float[input.Length];
        d.Process(input, output);
        return output[lat..];
    }

    [Fact]
    public void Shipped_model_gains_are_the_same_at_every_input_level()
    {
        string root = Root();
        string model = Path.Combine(root, "models", "denoiser.rtm");
        Assert.Equal(RtmFormat.FeatureLevelNormalisedNoiseAware, RtmModel.Load(model).FeatureKind);
        float[] clean = WavReader.ReadAllChannels(Path.Combine(root, "samples", "clean_speech.wav"), out int rate)[0];
        float[] noisy = WavReader.ReadAllChannels(Path.Combine(root, "samples", "noisy_speech.wav"), out _)[0];
        Assert.Equal(16000, rate);
        var gains = new List<(double Db, double Stoi, double SiSdr)>();
        foreach (double db in new[] { -30.0, -20.0, -10.0, 0.0 })
        {
            float g = (float)Math.Pow(10, db / 20);
            float[] x = [.. noisy.Select(v => v * g)];
            float[] s = [.. clean.Select(v => v * g)];
            SpeechMetricsResult before = SpeechMetrics.Compute(s, x, rate);
            SpeechMetricsResult after = SpeechMetrics.Compute(s, Denoise(model, x), rate);
            gains.Add((db, after.Stoi - before.Stoi, after.SiSdrDb - before.SiSdrDb));
        }

        string table = string.Join("; ", gains.Select(x => $"{x.Db} dB: ΔSTOI {x.Stoi:F4}, ΔSI-SDR {x.SiSdr:F2}"));
        Assert.True(gains.Max(x => x.Stoi) - gains.Min(x => x.Stoi) <= 0.005, table);
        Assert.True(gains.Max(x => x.SiSdr) - gains.Min(x => x.SiSdr) <= 0.3, table);
        Assert.True(gains.Min(x => x.SiSdr) > 1, $"the model must denoise at every level: {table}");
    }
}
