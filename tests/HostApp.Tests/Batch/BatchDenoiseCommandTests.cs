using System.Text.Json;
using RtDenoise.HostApp.Tests.Commands;

namespace RtDenoise.HostApp.Tests.Batch;

/// <summary>`rtdenoise denoise IN... --out-dir DIR` end to end.</summary>
public sealed class BatchDenoiseCommandTests
{
    [Fact]
    public void A_folder_is_denoised_recursively_with_its_layout_and_a_bad_file_is_reported_and_skipped()
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 3);
        File.WriteAllText(Path.Combine(input, "sub", "bad.wav"), "not a wav");
        string outDir = dir.File("out");

        CliRunner.Result r = CliRunner.Run("denoise", input, "--out-dir", outDir, "--recursive", "--processor", "classic", "--jobs", "2");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.wav", r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.Contains("3 of 4 files denoised, 1 failed", r.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "a0.wav")));
        Assert.True(File.Exists(Path.Combine(outDir, "sub", "b1.wav")));
        Assert.True(File.Exists(Path.Combine(outDir, "sub", "deeper", "c2.wav")));
        Assert.False(File.Exists(Path.Combine(outDir, "sub", "bad.wav")));
        Assert.Equal(3, Directory.GetFiles(outDir, "*", SearchOption.AllDirectories).Length); // no temp files left
    }

    [Fact]
    public void Without_recursive_only_the_first_level_is_read()
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 3);
        CliRunner.Result r = CliRunner.Run("denoise", input, "--out-dir", dir.File("out"), "--processor", "bypass", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(1, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public void Each_batch_output_is_byte_identical_to_single_file_mode()
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 2);
        CliRunner.Result batch = CliRunner.Run("denoise", Path.Combine(input, "a0.wav"), Path.Combine(input, "sub", "b1.wav"), "--out-dir", dir.File("out"));
        Assert.True(batch.ExitCode == 0, batch.StdErr);
        CliRunner.Result single = CliRunner.Run("denoise", Path.Combine(input, "sub", "b1.wav"), dir.File("single.wav"));
        Assert.True(single.ExitCode == 0, single.StdErr);
        Assert.Equal(File.ReadAllBytes(dir.File("single.wav")), File.ReadAllBytes(Path.Combine(dir.File("out"), "b1.wav")));
    }

    [Fact]
    public void Shards_split_the_sorted_list_without_overlap_and_cover_it()
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 7);
        var seen = new List<string>();
        for (int k = 0; k < 3; k++)
        {
            string outDir = dir.File($"out{k}");
            CliRunner.Result r = CliRunner.Run("denoise", input, "--out-dir", outDir, "-r", "--processor", "bypass", "--shard", $"{k}/3", "--quiet");
            Assert.True(r.ExitCode == 0, r.StdErr);
            Assert.Equal(string.Empty, r.StdOut);
            seen.AddRange(Directory.GetFiles(outDir, "*.wav", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outDir, f)));
        }

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Fact]
    public void A_quoted_glob_selects_its_matches_relative_to_its_base_folder()
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 4);
        string outDir = dir.File("out");
        CliRunner.Result r = CliRunner.Run("denoise", Path.Combine(input, "sub", "**", "*.wav"), "--out-dir", outDir, "--processor", "bypass", "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        string[] got = Directory.GetFiles(outDir, "*.wav", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["b1.wav", "deeper/c2.wav", "deeper/d3.wav"], got);
    }

    [Theory]
    [InlineData("--shard", "3/3", "--shard")]
    [InlineData("--shard", "x", "--shard")]
    [InlineData("--jobs", "0", "--jobs")]
    public void Bad_batch_options_are_exit_2_before_any_work(string option, string value, string named)
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 1);
        CliRunner.Result r = CliRunner.Run("denoise", input, "--out-dir", dir.File("out"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.StdErr, StringComparison.Ordinal);
        Assert.Contains(named, r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("--jobs", "2")]
    [InlineData("--shard", "1/2")]
    [InlineData("--recursive", null)]
    public void Batch_options_without_out_dir_are_refused(string option, string? value)
    {
        using var dir = new TempDir();
        string input = Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav"), output = dir.File("o.wav");
        string[] args = value is null ? ["denoise", input, output, option] : ["denoise", input, output, option, value];
        CliRunner.Result r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {option} applies to batch mode only (denoise IN... --out-dir DIR).", r.StdErr.Trim());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_input_that_matches_nothing_or_an_out_dir_over_the_inputs_is_exit_2()
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 1);
        CliRunner.Result missing = CliRunner.Run("denoise", dir.File("nope"), "--out-dir", dir.File("out"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope", missing.StdErr, StringComparison.Ordinal);
        CliRunner.Result over = CliRunner.Run("denoise", input, "--out-dir", input);
        Assert.Equal(2, over.ExitCode);
        Assert.Contains("overwritten", over.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_file_mode_rejects_other_path_counts_and_batch_only_options()
    {
        using var dir = new TempDir();
        string input = MakeCorpus(dir, files: 1);
        CliRunner.Result three = CliRunner.Run("denoise", Path.Combine(input, "a0.wav"), dir.File("x.wav"), dir.File("y.wav"));
        Assert.Equal(2, three.ExitCode);
        Assert.Contains("--out-dir", three.StdErr, StringComparison.Ordinal);
        CliRunner.Result shard = CliRunner.Run("denoise", Path.Combine(input, "a0.wav"), dir.File("x.wav"), "--shard", "0/2");
        Assert.Equal(2, shard.ExitCode);
        Assert.False(File.Exists(dir.File("x.wav")));
    }

    /// <summary>in/a0.wav, in/sub/b1.wav, in/sub/deeper/c2.wav, d3.wav, … (0.3 s of synthetic speech each).</summary>
    internal static string MakeCorpus(TempDir dir, int files)
    {
        string root = dir.File("in");
        string[] folders = [root, Path.Combine(root, "sub"), Path.Combine(root, "sub", "deeper")];
        for (int i = 0; i < files; i++)
        {
            string folder = folders[Math.Min(i, 2)];
            Directory.CreateDirectory(folder);
            float[] x = SyntheticSpeech.AddNoise(SyntheticSpeech.Speech(16000, 0.3, i), 0.05, i + 100);
            SyntheticSpeech.Write(Path.Combine(folder, $"{(char)('a' + i)}{i}.wav"), 16000, x);
        }

        return root;
    }
}
