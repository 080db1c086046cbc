using System.Text.Json;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>`make-devset --data DIR` on a clone: the bundled plain corpus (samples/corpus: speech/ and noise/
/// folders, no manifest) gives a validation set that `eval` scores; a folder that is neither kind is one line.</summary>
public sealed class MakeDevsetPlainCorpusTests
{
    [Fact]
    public void The_bundled_plain_corpus_makes_a_set_that_eval_scores()
    {
        using var dir = new TempDir();
        string corpus = Path.Combine(CliRunner.RepoRoot(), "samples", "corpus");
        string dev = dir.File("dev");
        CliRunner.Result made = CliRunner.Run("make-devset", "--data", corpus, "--out", dev, "--count", "4", "--profile", "real");
        Assert.True(made.ExitCode == 0, $"exit {made.ExitCode}: {made.StdErr}");
        Assert.Equal(4, Directory.GetFiles(Path.Combine(dev, "noisy"), "*.wav").Length);
        string[] meta = File.ReadAllLines(Path.Combine(dev, "meta.tsv"));
        Assert.Equal(5, meta.Length);
        Assert.All(meta.Skip(1), row => Assert.Matches(@"\t(p225|p226)\t", row));

        CliRunner.Result eval = CliRunner.Run("eval", "--clean", Path.Combine(dev, "clean"), "--noisy", Path.Combine(dev, "noisy"), "--processor", "classic", "--json", "--quiet");
        Assert.True(eval.ExitCode == 0, $"exit {eval.ExitCode}: {eval.StdErr}");
        using JsonDocument json = JsonDocument.Parse(eval.StdOut);
        Assert.Equal(4, json.RootElement.GetProperty("files").GetInt32());
    }

    [Fact]
    public void The_same_seed_gives_the_same_files()
    {
        using var dir = new TempDir();
        string corpus = Path.Combine(CliRunner.RepoRoot(), "samples", "corpus");
        foreach (string run in new[] { "a", "b" })
        {
            CliRunner.Result r = CliRunner.Run("make-devset", "--data", corpus, "--out", dir.File(run), "--count", "2");
            Assert.True(r.ExitCode == 0, r.StdErr);
        }

        Assert.Equal(File.ReadAllBytes(dir.File("a/noisy/001.wav")), File.ReadAllBytes(dir.File("b/noisy/001.wav")));
    }

    [Fact]
    public void A_folder_with_neither_manifest_nor_speech_and_noise_is_one_line()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("speech"));
        CliRunner.Result r = CliRunner.Run("make-devset", "--data", dir.Path, "--out", dir.File("dev"));
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdErr}");
        Assert.Contains("neither a MANIFEST.tsv", r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir.File("dev")));
    }
}
