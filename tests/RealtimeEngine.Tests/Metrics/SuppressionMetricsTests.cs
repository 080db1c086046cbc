using RtDenoise.Offline.Metrics;

namespace RtDenoise.Engine.Tests.Metrics;

public sealed class SuppressionMetricsTests
{
    private const int Rate = 16000;

    /// <summary>Speech-like bursts (0.5 s on, 0.5 s off), noise everywhere.</summary>
    private static (float[] Clean, float[] Noise) Signals()
    {
        var rng = new Random(1);
        var clean = new float[Rate * 4];
        var noise = new float[clean.Length];
        for (int i = 0; i < clean.Length; i++)
        {
            bool on = i / (Rate / 2) % 2 == 0;
            clean[i] = on ? (float)(0.3 * Math.Sin(i * 0.09)) : 0f;
            noise[i] = (float)(0.03 * (rng.NextDouble() - 0.5));
        }

        return (clean, noise);
    }

    [Fact]
    public void Noise_cut_by_20_dB_with_speech_kept_reads_20_dB_and_0_dB()
    {
        (float[] clean, float[] noise) = Signals();
        float[] noisy = [.. clean.Select((c, i) => c + noise[i])];
        float[] processed = [.. clean.Select((c, i) => c + (0.1f * noise[i]))];
        (double pause, double speech) = SuppressionMetrics.Compute(clean, noisy, processed, Rate);
        Assert.Equal(20, pause, 1);
        Assert.Equal(0, speech, 1);
    }

    [Fact]
    public void Halved_speech_reads_minus_6_dB_and_untouched_noise_0_dB()
    {
        (float[] clean, float[] noise) = Signals();
        float[] noisy = [.. clean.Select((c, i) => c + noise[i])];
        float[] processed = [.. clean.Select((c, i) => (0.5f * c) + noise[i])];
        (double pause, double speech) = SuppressionMetrics.Compute(clean, noisy, processed, Rate);
        Assert.Equal(0, pause, 2);
        Assert.Equal(-6.02, speech, 1);
    }

    [Fact]
    public void A_file_without_pauses_has_no_pause_figure()
    {
        float[] clean = [.. Enumerable.Range(0, Rate).Select(i => (float)Math.Sin(i * 0.1))];
        (double pause, double speech) = SuppressionMetrics.Compute(clean, clean, clean, Rate);
        Assert.True(double.IsNaN(pause));
        Assert.Equal(0, speech, 6);
    }
}
