using System.Text.Json;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>`--atten-lim`: the user's bound on how much the dnn processor may attenuate.</summary>
public sealed class AttenuationLimitCommandTests
{
    private static string Sample(string name) => Path.Combine(CliRunner.RepoRoot(), "samples", name);

    [Fact]
    public void A_limit_of_0_dB_makes_the_dnn_output_the_stft_round_trip()
    {
        using var dir = new TempDir();
        string limited = dir.File("limited.wav"), bypass = dir.File("bypass.wav"), free = dir.File("free.wav");
        CliRunner.Result a = CliRunner.Run("denoise", Sample("noisy_speech.wav"), limited, "--atten-lim", "0");
        CliRunner.Result b = CliRunner.Run("denoise", Sample("noisy_speech.wav"), bypass, "--processor", "bypass");
        CliRunner.Result c = CliRunner.Run("denoise", Sample("noisy_speech.wav"), free, "--atten-lim", "100");
        Assert.True(a.ExitCode == 0, a.StdErr);
        Assert.True(b.ExitCode == 0, b.StdErr);
        Assert.True(c.ExitCode == 0, c.StdErr);
        float[] x = WavReader.ReadAllChannels(limited, out _)[0], y = WavReader.ReadAllChannels(bypass, out _)[0];
        float[] z = WavReader.ReadAllChannels(free, out _)[0];
        Assert.Equal(x.Length, y.Length);
        Assert.True(x.Zip(y).Max(p => Math.Abs(p.First - p.Second)) <= 2f / 32768, "limit 0 dB must leave the STFT round trip");
        Assert.True(z.Zip(y).Max(p => Math.Abs(p.First - p.Second)) > 0.01, "without a limit the dnn must change the signal");
    }

    [Theory]
    [InlineData("150")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void Out_of_range_limits_exit_2_without_output(string value)
    {
        using var dir = new TempDir();
        CliRunner.Result r = CliRunner.Run("denoise", Sample("noisy_speech.wav"), dir.File("o.wav"), "--atten-lim", value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--atten-lim", r.StdErr, StringComparison.Ordinal);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void The_limit_means_the_same_for_classic_0_dB_being_the_stft_round_trip()
    {
        // One meaning of the attenuation limit for every processor: classic at 0 dB is the round trip too.
        using var dir = new TempDir();
        string limited = dir.File("limited.wav"), bypass = dir.File("bypass.wav"), free = dir.File("free.wav");
        CliRunner.Result a = CliRunner.Run("denoise", Sample("noisy_speech.wav"), limited, "--processor", "classic", "--atten-lim", "0");
        CliRunner.Result b = CliRunner.Run("denoise", Sample("noisy_speech.wav"), bypass, "--processor", "bypass");
        CliRunner.Result c = CliRunner.Run("denoise", Sample("noisy_speech.wav"), free, "--processor", "classic");
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0 && c.ExitCode == 0, a.StdErr + b.StdErr + c.StdErr);
        float[] x = WavReader.ReadAllChannels(limited, out _)[0], y = WavReader.ReadAllChannels(bypass, out _)[0];
        float[] z = WavReader.ReadAllChannels(free, out _)[0];
        Assert.True(x.Zip(y).Max(p => Math.Abs(p.First - p.Second)) <= 2f / 32768, "classic with a 0 dB limit must leave the STFT round trip");
        Assert.True(z.Zip(y).Max(p => Math.Abs(p.First - p.Second)) > 0.01, "without a limit classic must change the signal");
    }

    [Fact]
    public void A_chain_takes_the_limit_as_dnn_colon_db()
    {
        using var dir = new TempDir();
        CliRunner.Result ok = CliRunner.Run("denoise", Sample("noisy_speech.wav"), dir.File("a.wav"), "--chain", "dnn:0");
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        CliRunner.Result bad = CliRunner.Run("denoise", Sample("noisy_speech.wav"), dir.File("b.wav"), "--chain", "dnn:500");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("attenuation limit", bad.StdErr, StringComparison.Ordinal);
        CliRunner.Result both = CliRunner.Run("denoise", Sample("noisy_speech.wav"), dir.File("c.wav"), "--chain", "dnn", "--atten-lim", "6");
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public void Eval_reports_noise_attenuation_in_pauses_and_speech_level_change()
    {
        using var dir = new TempDir();
        string clean = Directory.CreateDirectory(dir.File("clean")).FullName, noisy = Directory.CreateDirectory(dir.File("noisy")).FullName;
        File.Copy(Sample("clean_speech.wav"), Path.Combine(clean, "a.wav"));
        File.Copy(Sample("noisy_speech.wav"), Path.Combine(noisy, "a.wav"));
        CliRunner.Result r = CliRunner.Run("eval", "--clean", clean, "--noisy", noisy, "--json", "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut.Trim().Split('\n')[^1]);
        double pause = doc.RootElement.GetProperty("pause_attenuation_db").GetDouble();
        double speech = doc.RootElement.GetProperty("speech_level_change_db").GetDouble();
        Assert.InRange(pause, 3, 60);
        Assert.InRange(speech, -6, 1);
    }
}
