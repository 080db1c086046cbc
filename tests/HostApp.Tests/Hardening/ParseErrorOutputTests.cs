namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>Issue 14 item 12: `denoise` with no arguments printed the same parse error twice (one per missing argument).</summary>
public sealed class ParseErrorOutputTests
{
    [Fact]
    public void Denoise_without_arguments_prints_its_error_once()
    {
        CliRunner.Result r = CliRunner.Run("denoise");
        Assert.Equal(2, r.ExitCode);
        string[] lines = r.StdErr.Trim().Split('\n');
        Assert.Equal(lines.Distinct().Count(), lines.Length);
    }
}
