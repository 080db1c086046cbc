namespace RtDenoise.HostApp.Tests.Live;

/// <summary>virtual-mic's argument errors and --pipewire-conf: no sound server needed.</summary>
public sealed class VirtualMicArgumentTests
{
    [Theory]
    [InlineData("--in-server", "--remove")]
    [InlineData("--status", "--cleanup")]
    [InlineData("--pipewire-conf", "--in-server")]
    public void TwoActionsAreAUsageError(string first, string second)
    {
        var r = CliRunner.Run("virtual-mic", first, second);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("are separate actions: give one", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPluginNamesTheBuildScript()
    {
        var r = CliRunner.Run("virtual-mic", "--pipewire-conf", "--plugin", "/nonexistent/rtdenoise_ladspa.so");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("scripts/build-ladspa.sh", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.StdOut);
    }

    [Theory]
    [InlineData("--name", "has space")]
    [InlineData("--name", "quote'd")]
    [InlineData("--atten-lim", "101")]
    public void BadValuesAreRefusedBeforeAnythingIsPrinted(string option, string value)
    {
        var r = CliRunner.Run("virtual-mic", "--pipewire-conf", "--plugin", typeof(VirtualMicArgumentTests).Assembly.Location, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.StdOut);
    }

    [Fact]
    public void PipeWireConfIsPrintedForThePluginAndSettings()
    {
        string plugin = typeof(VirtualMicArgumentTests).Assembly.Location; // any existing file stands for the plugin
        var r = CliRunner.Run("virtual-mic", "--pipewire-conf", "--plugin", plugin, "--name", "quiet_mic", "--atten-lim", "24", "--input", "pulse:DEVICE=alsa_input.x", "--rate", "44100");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains($"plugin  = \"{plugin}\"", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"Attenuation limit (dB)\" = 24 ", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("audio.rate     = 44100", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("target.object = \"alsa_input.x\"", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("node.name = \"quiet_mic\"  media.class = Audio/Source", r.StdOut, StringComparison.Ordinal);
    }
}
