using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Commands.Batch;

namespace RtDenoise.HostApp.Tests.Batch;

public sealed class BatchInputsTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/100", 0, 100)]
    public void Shard_specs_parse(string text, int k, int n) => Assert.Equal(new ShardSpec(k, n), ShardSpec.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void Bad_shard_specs_are_user_errors(string text) => Assert.Throws<UserInputException>(() => ShardSpec.Parse(text));

    [Fact]
    public void Shards_are_round_robin_over_the_sorted_list()
    {
        int[] items = Enumerable.Range(0, 10).ToArray();
        Assert.Equal([1, 4, 7], new ShardSpec(1, 3).Select(items));
        Assert.Equal(items, Enumerable.Range(0, 3).SelectMany(k => new ShardSpec(k, 3).Select(items)).Order());
        Assert.Empty(new ShardSpec(5, 6).Select([1, 2]));
    }

    [Theory]
    [InlineData("in/*.wav", "in", "a.wav", true)]
    [InlineData("in/*.wav", "in", "sub/a.wav", false)]
    [InlineData("in/**/*.wav", "in", "a.wav", true)]
    [InlineData("in/**/*.wav", "in", "x/y/a.wav", true)]
    [InlineData("in/**", "in", "x/y/a.txt", true)]
    [InlineData("in/f?.wav", "in", "f1.wav", true)]
    [InlineData("in/f?.wav", "in", "f10.wav", false)]
    [InlineData("in/f[12].wav", "in", "f2.wav", true)]
    [InlineData("in/f[12].wav", "in", "f3.wav", false)]
    [InlineData("*.wav", ".", "a.wav", true)]
    [InlineData("/data/c*/x.wav", "/data", "c1/x.wav", true)]
    [InlineData("in/a.b*", "in", "aXb.wav", false)]
    public void Globs_match_relative_to_their_base_folder(string pattern, string baseDir, string relative, bool match)
    {
        GlobPattern glob = GlobPattern.Parse(pattern);
        Assert.Equal(baseDir, glob.BaseDirectory);
        Assert.Equal(match, glob.IsMatch(relative));
    }

    [Fact]
    public void Expansion_is_sorted_deduplicated_and_rejects_colliding_outputs()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("x"));
        Directory.CreateDirectory(dir.File("y"));
        foreach (string f in new[] { "x/b.wav", "x/a.WAV", "x/notes.txt", "y/b.wav" })
        {
            File.WriteAllText(dir.File(f), string.Empty);
        }

        var items = BatchInputs.Expand([dir.File("x"), dir.File("x/b.wav")], recursive: false);
        Assert.Equal(["a.WAV", "b.wav"], items.Select(i => i.RelativePath));
        var ex = Assert.Throws<UserInputException>(() => BatchInputs.Expand([dir.File("x"), dir.File("y")], recursive: false));
        Assert.Contains("would both be written", ex.Message, StringComparison.Ordinal);
        Assert.Throws<UserInputException>(() => BatchInputs.Expand([dir.File("x/*.mp3")], recursive: false));
    }
}
