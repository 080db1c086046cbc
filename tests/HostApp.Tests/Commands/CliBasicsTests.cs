using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RtDenoise.Engine.Model;
using RtDenoise.Training;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>CLI basics: usage with no arguments, one latency figure, quiet and verbose output,
/// the train default width, and no doubled prefixes in errors.</summary>
public sealed class CliBasicsTests
{
    private static string Sample => Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");

    private static string ShippedModel => Path.Combine(CliRunner.RepoRoot(), "models", "denoiser.rtm");

    [Fact]
    public void No_arguments_prints_the_usage_and_exits_2()
    {
        CliRunner.Result r = CliRunner.Run();
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Usage:", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("denoise", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_info_prints_the_latency_denoise_reports()
    {
        using var dir = new TempDir();
        CliRunner.Result info = CliRunner.Run("model-info", ShippedModel);
        Assert.True(info.ExitCode == 0, info.StdErr);
        CliRunner.Result run = CliRunner.Run("denoise", Sample, dir.File("o.wav"));
        Assert.True(run.ExitCode == 0, run.StdErr);
        string infoMs = Regex.Match(info.StdOut, @"latency (\d+\.\d\d) ms").Groups[1].Value;
        string runMs = Regex.Match(run.StdOut, @"latency (\d+\.\d\d) ms").Groups[1].Value;
        Assert.Equal("15.94", infoMs);
        Assert.Equal(infoMs, runMs);

        CliRunner.Result json = CliRunner.Run("model-info", ShippedModel, "--json");
        using JsonDocument doc = JsonDocument.Parse(json.StdOut);
        Assert.Equal(double.Parse(infoMs, CultureInfo.InvariantCulture), doc.RootElement.GetProperty("latency_ms").GetDouble(), 0.005);
    }

    [Fact]
    public void Verbose_prints_the_kernel_plan_line_once()
    {
        using var dir = new TempDir();
        CliRunner.Result r = CliRunner.Run("denoise", Sample, dir.File("o.wav"), "--verbose");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Single(Regex.Matches(r.StdErr, "kernel plan: "));
    }

    [Fact]
    public void An_invalid_kernel_override_is_reported_not_ignored_silently()
    {
        using var dir = new TempDir();
        CliRunner.Result r = CliRunner.Run(new Dictionary<string, string> { ["RTDENOISE_KERNEL"] = "bogus" }, "denoise", Sample, dir.File("o.wav"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("RTDENOISE_KERNEL=bogus", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_info_prints_the_kernel_plan_and_honours_a_forced_path()
    {
        CliRunner.Result r = CliRunner.Run("model-info", ShippedModel);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("kernel plan", r.StdOut, StringComparison.Ordinal);
        CliRunner.Result forced = CliRunner.Run(new Dictionary<string, string> { ["RTDENOISE_KERNEL"] = "vector128" }, "model-info", ShippedModel, "--json");
        Assert.True(forced.ExitCode == 0, forced.StdErr);
        using JsonDocument doc = JsonDocument.Parse(forced.StdOut);
        Assert.All(doc.RootElement.GetProperty("kernel_plan").EnumerateArray(), l => Assert.Equal("vector128", l.GetProperty("path").GetString()));
    }

    [Fact]
    public void Quiet_prints_nothing_on_success()
    {
        using var dir = new TempDir();
        CliRunner.Result r = CliRunner.Run("denoise", Sample, dir.File("o.wav"), "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(string.Empty, r.StdOut);
        Assert.Equal(string.Empty, r.StdErr);
        Assert.True(File.Exists(dir.File("o.wav")));
    }

    [Fact]
    public void Train_defaults_to_the_width_of_the_shipped_model()
    {
        RtmModel shipped = RtmModel.Load(ShippedModel);
        int[] hidden = shipped.Layers.Take(shipped.Layers.Count - 1).Select(l => l.Out).ToArray();
        Assert.Equal(hidden, new TrainOptions().Hidden);
        CliRunner.Result help = CliRunner.Run("train", "--help");
        Assert.Matches(new Regex(@"--hidden[^\n]*\[default: " + hidden[0] + @"\]"), help.StdOut);
    }

    [Fact]
    public void A_bad_speex_setting_names_speex_once()
    {
        using var dir = new TempDir();
        CliRunner.Result r = CliRunner.Run("denoise", Sample, dir.File("o.wav"), "--chain", "speex:-200");
        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("speex: speex", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("-100..0", r.StdErr, StringComparison.Ordinal);
    }
}
