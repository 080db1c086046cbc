using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Audio;
using Serilog.Events;

namespace RtDenoise.HostApp.Tests;

/// <summary>The command's Serilog set-up: warnings by default, debug with --verbose, every line on stderr.</summary>
public sealed class LoggingTests
{
    [Theory]
    [InlineData(false, LogEventLevel.Warning)]
    [InlineData(true, LogEventLevel.Debug)]
    public void Verbose_lowers_the_minimum_level_to_debug(bool verbose, LogEventLevel lowest)
    {
        using var logger = Logging.Create(verbose);
        foreach (LogEventLevel level in Enum.GetValues<LogEventLevel>())
        {
            Assert.Equal(level >= lowest, logger.IsEnabled(level));
        }
    }

    [Fact]
    public void Verbose_denoise_writes_debug_lines_to_stderr_only()
    {
        using var dir = new TempDir();
        string input = Sample(dir);
        CliRunner.Result r = CliRunner.Run("denoise", input, dir.File("out.wav"), "--verbose");
        Assert.True(r.ExitCode == 0, r.StdErr);
        // The default model's kernel line (DenoiserFactory), its path inserted as it is (no quotes).
        string[] lines = r.StdErr.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("[DBG] Model /", StringComparison.Ordinal) && l.Contains(".rtm: layer formats", StringComparison.Ordinal));
        Assert.DoesNotContain("[DBG]", r.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("[INF]", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_verbose_only_warnings_are_written_and_to_stderr()
    {
        using var dir = new TempDir();
        string input = Sample(dir);
        var env = new Dictionary<string, string> { ["RTDENOISE_KERNEL"] = "no-such-kernel" };
        CliRunner.Result r = CliRunner.Run(env, "denoise", input, dir.File("out.wav"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        // A mistyped kernel override is a warning (DenoiserFactory), shown without --verbose, its text unquoted.
        Assert.Contains("[WRN] RTDENOISE_KERNEL=no-such-kernel is not one of", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("[DBG]", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("[INF]", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("[WRN]", r.StdOut, StringComparison.Ordinal);
    }

    private static string Sample(TempDir dir)
    {
        const int rate = 16000;
        float[] x = new float[rate / 2];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 0.1f * MathF.Sin(2 * MathF.PI * 440 * i / rate);
        }

        string path = dir.File("in.wav");
        WavWriter.WriteAll(path, [x], rate, SampleEncoding.Pcm16);
        return path;
    }
}
