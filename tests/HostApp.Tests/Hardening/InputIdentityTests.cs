using System.Security.Cryptography;
using RtDenoise.HostApp.Tests.Commands;
using RtDenoise.Offline.Model;

namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>
/// An output that is an input under another name (a symlinked folder, a hard link) is refused with one line and
/// exit 2, and the input keeps its bytes: files are compared by device and inode, not by the text of their paths.
/// </summary>
public sealed class InputIdentityTests
{
    private static readonly string Sample = Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");

    [Fact]
    public void Denoise_into_a_symlink_to_the_input_folder_is_refused()
    {
        using var dir = new TempDir();
        string input = CopySample(dir, "in", "a.wav");
        string link = dir.File("link");
        Directory.CreateSymbolicLink(link, dir.File("in"));
        string before = Hash(input);

        CliRunner.Result r = CliRunner.Run("denoise", dir.File("in"), "--out-dir", link, "--processor", "classic");

        AssertRefused(r, "a.wav");
        Assert.Equal(before, Hash(input));
    }

    [Fact]
    public void Denoise_to_the_input_through_a_symlinked_folder_is_refused()
    {
        using var dir = new TempDir();
        string input = CopySample(dir, "d", "x.wav");
        Directory.CreateSymbolicLink(dir.File("link"), dir.File("d"));
        string before = Hash(input);

        CliRunner.Result r = CliRunner.Run("denoise", input, Path.Combine(dir.File("link"), "x.wav"), "--processor", "classic");

        AssertRefused(r, "x.wav");
        Assert.Equal(before, Hash(input));
    }

    [Fact]
    public void Denoise_to_a_hard_link_of_the_input_is_refused()
    {
        using var dir = new TempDir();
        string input = CopySample(dir, "d", "x.wav");
        string hardLink = dir.File("same.wav");
        Assert.Equal(0, Tool.Run("ln", input, hardLink));
        string before = Hash(input);

        CliRunner.Result r = CliRunner.Run("denoise", input, hardLink, "--processor", "classic");

        AssertRefused(r, "same.wav");
        Assert.Equal(before, Hash(input));
    }

    [Fact]
    public void Eval_out_through_a_symlink_to_the_noisy_folder_is_refused()
    {
        using var dir = new TempDir();
        string clean = Directory.CreateDirectory(dir.File("clean")).FullName;
        string noisy = Directory.CreateDirectory(dir.File("noisy")).FullName;
        float[] speech = SyntheticSpeech.Speech(16000, 0.5, 1);
        SyntheticSpeech.Write(Path.Combine(clean, "a.wav"), 16000, speech);
        SyntheticSpeech.Write(Path.Combine(noisy, "a.wav"), 16000, SyntheticSpeech.AddNoise(speech, 0.05, 2));
        string link = dir.File("L");
        Directory.CreateSymbolicLink(link, noisy);
        string before = Hash(Path.Combine(noisy, "a.wav"));

        CliRunner.Result r = CliRunner.Run("eval", "--clean", clean, "--noisy", noisy, "--out", link, "--processor", "classic", "--quiet");

        AssertRefused(r, "--out");
        Assert.Equal(before, Hash(Path.Combine(noisy, "a.wav")));
    }

    [Fact]
    public void Quantize_into_the_input_through_a_symlinked_folder_is_refused()
    {
        using var dir = new TempDir();
        string model = dir.File("m.rtm");
        RtmWriter.Write(model, QuantizeCommandTests.SmallFloatModel());
        Directory.CreateSymbolicLink(dir.File("self"), dir.Path);
        string before = Hash(model);

        CliRunner.Result r = CliRunner.Run("quantize", model, Path.Combine(dir.File("self"), "m.rtm"), "--format", "vbs4");

        AssertRefused(r, "m.rtm");
        Assert.Equal(before, Hash(model));
    }

    [Fact]
    public void Calibrate_onto_its_own_input_is_refused()
    {
        using var dir = new TempDir();
        string model = dir.File("X.rtm");
        RtmWriter.Write(model, QuantizeCommandTests.SmallFloatModel());
        string before = Hash(model);

        CliRunner.Result r = CliRunner.Run("calibrate", model, "--gain-exponent", "1.2", "--out", model);

        AssertRefused(r, "X.rtm");
        Assert.Equal(before, Hash(model));
    }

    private static void AssertRefused(CliRunner.Result r, string named)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdOut} {r.StdErr}");
        string line = Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains("same file", line, StringComparison.Ordinal);
    }

    private static string CopySample(TempDir dir, string folder, string name)
    {
        string path = Path.Combine(Directory.CreateDirectory(dir.File(folder)).FullName, name);
        File.Copy(Sample, path);
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
