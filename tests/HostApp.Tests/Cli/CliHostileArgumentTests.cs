using RtDenoise.Engine;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Speex;
using RtDenoise.HostApp.Commands.Batch;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Cli;

/// <summary>Arguments that used to end in a stack trace or a wrong answer: each now works or is refused in one line.</summary>
public sealed class CliHostileArgumentTests
{
    [Fact]
    public void A_shard_count_near_int_max_selects_without_overflow()
    {
        ShardSpec shard = ShardSpec.Parse("1/2147483647");
        Assert.Equal(["b"], shard.Select(["a", "b", "c"]));
    }

    [Fact]
    public void The_last_shard_near_int_max_is_empty_not_a_crash()
    {
        CliRunner.Result r = CliRunner.Run("denoise", "a.wav", "--out-dir", "o", "--shard", "2147483646/2147483647");
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("take[1.wav", "take[1.wav", true)]
    [InlineData("take[12].wav", "take1.wav", true)]
    [InlineData("take[!1].wav", "take1.wav", false)]
    [InlineData("take[!1].wav", "take2.wav", true)]
    [InlineData("a[]]b.wav", "a]b.wav", true)]
    [InlineData("x[^a].wav", "xb.wav", true)]
    public void Brackets_in_globs_follow_the_shell(string glob, string name, bool matches)
    {
        Assert.Equal(matches, GlobPattern.Parse("in/" + glob).IsMatch(name));
    }

    [Fact]
    public void A_reversed_range_in_a_glob_is_one_line_exit_2()
    {
        using var dir = new TempDir();
        CliRunner.Result r = CliRunner.Run("denoise", dir.File("[z-a].wav"), "--out-dir", dir.File("out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("character class", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_starting_with_at_is_a_value_not_a_response_file()
    {
        // "@DEFAULT_MONITOR@" names a PulseAudio source; System.CommandLine read it as a response file and failed.
        CliRunner.Result r = CliRunner.Run("denoise", "@DEFAULT_MONITOR@", "@out.wav");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("@DEFAULT_MONITOR@' does not exist", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_describes_a_speex_denoiser_by_name()
    {
        if (!SpeexProcessor.IsAvailable)
        {
            Assert.Skip("libspeexdsp.so.1 is not installed (apt-get install libspeexdsp1)");
        }

        // `live --processor speex` threw InvalidOperationException here: Speex has no spectral processor.
        using var p = new DenoiserProcessor(DenoiserFactory.Create("speex", null, 48000));
        Assert.Equal("speex", LiveRunner.Describe(p));
    }

    [Theory]
    [InlineData("make-devset")]
    [InlineData("train")]
    public void A_malformed_manifest_is_one_line_naming_file_and_line(string command)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("MANIFEST.tsv"), "file\tduration_s\tkind\nspeech/a.wav\t1.0\n");
        CliRunner.Result r = command == "train"
            ? CliRunner.Run(command, "--data", dir.Path, "--out", dir.File("m.rtm"))
            : CliRunner.Run(command, "--data", dir.Path, "--out", dir.File("dev"));
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdErr}");
        Assert.Contains("MANIFEST.tsv:2:", r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
    }
}
