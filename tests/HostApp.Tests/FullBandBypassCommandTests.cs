using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests;

/// <summary>
/// In file mode: <c>rtdenoise denoise --processor bypass</c> returns the input, full band, at every
/// rate (float WAV, so only the engine's rounding remains). Tone plus white noise up to Nyquist: without the full-band
/// path the 44.1/48 kHz outputs would lose everything above 7.4 kHz (max error ≈ 0.19).
/// </summary>
public sealed class FullBandBypassCommandTests
{
    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Denoise_bypass_is_transparent_on_tone_plus_white_noise(int rate)
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav"), output = dir.File("out.wav");
        var rng = new Random(rate);
        var x = new float[rate + 123];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((0.3 * Math.Sin(2 * Math.PI * 440 * i / rate)) + (0.2 * ((rng.NextDouble() * 2) - 1)));
        }

        WavWriter.WriteAll(input, [x], rate, SampleEncoding.Float32);
        CliRunner.Result r = CliRunner.Run("denoise", input, output, "--processor", "bypass", "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);

        float[] y = WavReader.ReadAllChannels(output, out int outRate)[0];
        Assert.Equal(rate, outRate);
        Assert.Equal(x.Length, y.Length);
        double err = 0;
        for (int i = 0; i < x.Length; i++)
        {
            err = Math.Max(err, Math.Abs(y[i] - x[i])); // the command compensates the latency: sample i is sample i
        }

        Assert.True(err <= 1e-3, $"{rate} Hz: max error {err:E3}");
    }
}
