namespace RtDenoise.HostApp.Tests.Batch;

/// <summary>
/// `denoise in --out-dir in/out --recursive`: the walk skips the output folder (found by device and inode, whatever
/// path names it), so a rerun denoises the same files again instead of its own previous outputs into out/out/….
/// </summary>
public sealed class OutDirInsideInputTests
{
    [Fact]
    public void A_rerun_skips_the_out_dir_inside_the_input()
    {
        using var dir = new TempDir();
        string input = BatchDenoiseCommandTests.MakeCorpus(dir, files: 3);
        string outDir = Path.Combine(input, "out");

        for (int run = 0; run < 2; run++)
        {
            CliRunner.Result r = CliRunner.Run("denoise", input, "--out-dir", outDir, "--recursive", "--processor", "classic");
            Assert.True(r.ExitCode == 0, $"run {run}: {r.StdErr}");
            Assert.Contains("3 of 3 files denoised, 0 failed", r.StdOut, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(outDir, "out")));
        Assert.Equal(3, Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void The_out_dir_is_skipped_when_named_through_a_symlink()
    {
        using var dir = new TempDir();
        string input = BatchDenoiseCommandTests.MakeCorpus(dir, files: 2);
        Directory.CreateDirectory(Path.Combine(input, "out"));
        string link = dir.File("results");
        Directory.CreateSymbolicLink(link, Path.Combine(input, "out"));

        for (int run = 0; run < 2; run++)
        {
            CliRunner.Result r = CliRunner.Run("denoise", input, "--out-dir", link, "--recursive", "--processor", "classic");
            Assert.True(r.ExitCode == 0, $"run {run}: {r.StdErr}");
            Assert.Contains("2 of 2 files denoised, 0 failed", r.StdOut, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(input, "out", "out")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(input, "out"), "*", SearchOption.AllDirectories).Length);
    }
}
