namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>Values that could crash with a stack trace (or pass as NaN) are refused in one
/// line with exit 2, naming the option.</summary>
public sealed class ArgumentValidationTests
{
    private static string Sample => Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");

    [Theory]
    [InlineData("--duration", "NaN")]
    [InlineData("--duration", "Infinity")]
    [InlineData("--duration", "1e300")]
    [InlineData("--buffer-ms", "NaN")]
    [InlineData("--device-latency-ms", "NaN")]
    [InlineData("--block-ms", "NaN")]
    public void Live_refuses_non_finite_times(string option, string value)
    {
        CliRunner.Result r = CliRunner.Run("live", option, value, "--processor", "bypass");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--floor-db", "10")]
    [InlineData("--floor-db", "NaN")]
    [InlineData("--lr", "NaN")]
    [InlineData("--weight-decay", "NaN")]
    [InlineData("--under-weight", "-1")]
    [InlineData("--level-tau", "0")]
    public void Train_refuses_bad_numbers_before_loading_anything(string option, string value)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("MANIFEST.tsv"), "");
        CliRunner.Result r = CliRunner.Run("train", "--data", dir.Path, "--out", dir.File("m.rtm"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option == "--lr" ? "--lr" : option, r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.rtm")));
    }

    [Fact]
    public void Train_refuses_a_resume_file_that_is_not_a_checkpoint()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("MANIFEST.tsv"), "");
        CliRunner.Result r = CliRunner.Run("train", "--data", dir.Path, "--out", dir.File("m.rtm"), "--resume", Sample);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a usable training checkpoint", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_the_resampler_cannot_convert_is_refused_in_one_line()
    {
        using var dir = new TempDir();
        string input = dir.File("r.wav");
        float[] x = [.. Enumerable.Range(0, 44101).Select(i => 0.1f * MathF.Sin(i * 0.05f))];
        SyntheticSpeech.Write(input, 44101, x);
        CliRunner.Result r = CliRunner.Run("denoise", input, dir.File("o.wav"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("44101 Hz is not supported", r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.False(File.Exists(dir.File("o.wav")));
    }

    [Fact]
    public void A_model_path_that_never_ends_is_refused_before_reading()
    {
        // /dev/zero reports length 0 and never ends: it is refused by its kind, before anything is read.
        CliRunner.Result r = CliRunner.Run("model-info", "/dev/zero");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'/dev/zero' is a device, not a regular file", r.StdErr, StringComparison.Ordinal);
    }
}
