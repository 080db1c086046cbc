using System.Runtime.Versioning;
using RtDenoise.Offline.Model;

namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>
/// Replacing an existing output keeps its permissions: a private (0600) recording stays private after `denoise`
/// rewrites it, and a model rewritten by `calibrate` keeps its mode too.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReplacedOutputModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string Sample = Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");

    [Fact]
    public void Denoise_keeps_the_mode_of_the_output_it_replaces()
    {
        using var dir = new TempDir();
        string output = dir.File("private.wav");
        File.WriteAllText(output, "old");
        File.SetUnixFileMode(output, Private);

        CliRunner.Result r = CliRunner.Run("denoise", Sample, output, "--processor", "classic", "--quiet");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.True(new FileInfo(output).Length > 1000);
        Assert.Equal(Private, File.GetUnixFileMode(output));
    }

    [Fact]
    public void Calibrate_keeps_the_mode_of_the_model_it_replaces()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("in.rtm"), Commands.QuantizeCommandTests.SmallFloatModel());
        string output = dir.File("out.rtm");
        File.WriteAllText(output, "old");
        UnixFileMode groupRead = Private | UnixFileMode.GroupRead;
        File.SetUnixFileMode(output, groupRead);

        CliRunner.Result r = CliRunner.Run("calibrate", dir.File("in.rtm"), "--gain-exponent", "1.2", "--out", output);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(groupRead, File.GetUnixFileMode(output));
    }
}
