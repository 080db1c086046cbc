namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>An empty path ("", e.g. an unset shell variable) is one line naming the argument and exit 2, not a stack trace.</summary>
public sealed class EmptyPathArgumentTests
{
    private static readonly string Sample = Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");
    private static readonly string Model = Path.Combine(CliRunner.RepoRoot(), "models", "denoiser-fp32.rtm");

    public static TheoryData<string[], string> Cases => new()
    {
        { ["model-info", ""], "model-info MODEL" },
        { ["quantize", "", "q.rtm", "--format", "vbs4"], "quantize IN" },
        { ["quantize", Model, "", "--format", "vbs4"], "quantize OUT" },
        { ["denoise", "", "out.wav"], "denoise PATHS" },
        { ["denoise", Sample, ""], "denoise PATHS" },
        { ["calibrate", "", "--gain-exponent", "1", "--out", "o.rtm"], "calibrate MODEL" },
        { ["calibrate", Model, "--gain-exponent", "1", "--out", ""], "calibrate --out" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_empty_path_is_one_line_and_exit_2(string[] args, string named)
    {
        CliRunner.Result r = CliRunner.Run(args);

        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdErr}");
        Assert.Equal($"error: {named}: the path is empty (\"\"); give a file or folder name.", Assert.Single(r.StdErr.Trim().Split('\n')));
    }
}
