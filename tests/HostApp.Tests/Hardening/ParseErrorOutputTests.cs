namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>`denoise` with no arguments prints its parse error once, not once per missing argument.</summary>
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
