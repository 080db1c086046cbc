using Xunit;

namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>
/// Out of process: a truncated plugin .so would kill `plugins --path` and `--chain ladspa:` with SIGBUS (exit 135,
/// no message) if dlopen saw it; `plugins` lists it as skipped with the reason and goes on; the chain is exit 2.
/// </summary>
public sealed class TruncatedPluginTests
{
    private static readonly string RealElf = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libcoreclr.so");

    [Fact]
    public void Plugins_lists_a_truncated_library_as_skipped_and_continues()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("trunc.so"), File.ReadAllBytes(RealElf).AsSpan(0, 1000).ToArray());
        const string amp = "/usr/lib/ladspa/amp.so";
        bool haveAmp = File.Exists(amp);
        if (haveAmp)
        {
            File.Copy(amp, dir.File("amp.so"));
        }

        CliRunner.Result r = CliRunner.Run("plugins", "--path", dir.Path);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.StdErr}");
        Assert.Contains("skipped", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("trunc.so", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("truncated", r.StdErr, StringComparison.Ordinal);
        if (haveAmp)
        {
            Assert.Contains("amp.so", r.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_chain_with_a_truncated_library_is_exit_2_naming_it()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("trunc.so"), File.ReadAllBytes(RealElf).AsSpan(0, 1000).ToArray());
        string sample = Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");
        CliRunner.Result r = CliRunner.Run("denoise", sample, dir.File("out.wav"), "--chain", $"ladspa:{dir.File("trunc.so")}:amp");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("trunc.so", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(["trunc.so"], dir.Entries());
    }
}
