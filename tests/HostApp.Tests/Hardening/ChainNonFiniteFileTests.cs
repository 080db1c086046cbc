using System.Text.Json;
using RtDenoise.Offline.Audio;
using Xunit;

namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>File mode: `--chain highpass:80` on a float WAV with a NaN gives a finite output and the
/// summary counts the replaced samples.</summary>
public sealed class ChainNonFiniteFileTests
{
    [Fact]
    public void A_nan_in_a_float_wav_through_highpass_is_finite_out_and_counted()
    {
        using var dir = new TempDir();
        var x = new float[32000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 0.1f * MathF.Sin(i * 0.05f);
        }

        x[4000] = float.NaN;
        x[8000] = 1e30f;
        WavWriter.WriteAll(dir.File("in.wav"), [x], 16000, SampleEncoding.Float32);
        CliRunner.Result json = CliRunner.Run("denoise", dir.File("in.wav"), dir.File("out.wav"), "--chain", "highpass:80", "--json");
        Assert.True(json.ExitCode == 0, json.StdErr);
        using JsonDocument doc = JsonDocument.Parse(json.StdOut);
        Assert.Equal(2, doc.RootElement.GetProperty("sanitised_samples").GetInt64());
        using (WavReader r = WavReader.Open(dir.File("out.wav")))
        {
            var y = new float[x.Length];
            int got = 0, n;
            while ((n = r.ReadFrames(y.AsSpan(got))) > 0)
            {
                got += n;
            }

            Assert.Equal(x.Length, got);
            Assert.All(y, v => Assert.True(float.IsFinite(v)));
            Assert.Contains(y[^1000..], v => v != 0f);
        }

        CliRunner.Result text = CliRunner.Run("denoise", dir.File("in.wav"), dir.File("out2.wav"), "--chain", "highpass:80");
        Assert.True(text.ExitCode == 0, text.StdErr);
        Assert.Contains("2 non-finite or out-of-range input samples", text.StdOut, StringComparison.Ordinal);
    }
}
