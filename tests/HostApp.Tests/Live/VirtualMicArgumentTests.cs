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

    /// <summary>
    /// The in-server mic runs the plugin (embedded model, --atten-lim), and the other actions stream nothing: a
    /// processing or streaming option given with them would be ignored, so it is refused before the server is asked.
    /// </summary>
    [Theory]
    [InlineData("--in-server", "--chain", "highpass:80,dnn")]
    [InlineData("--in-server", "--processor", "speex")]
    [InlineData("--in-server", "--model", "models/denoiser.rtm")]
    [InlineData("--in-server", "--duration", "10")]
    [InlineData("--pipewire-conf", "--buffer-ms", "0")]
    [InlineData("--status", "--stats", null)]
    [InlineData("--remove", "--bypass", null)]
    [InlineData("--cleanup", "--block-ms", "5")]
    public void StreamingOptionsAreRefusedWithActionsThatDoNotStream(string action, string option, string? value)
    {
        string[] args = value is null ? ["virtual-mic", action, option] : ["virtual-mic", action, option, value];
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {option} does not apply to {action}: processing and streaming options belong to the process route (virtual-mic without --in-server); the in-server microphone runs the rtdenoise plugin with its embedded model, and --atten-lim is its control.", r.StdErr.Trim());
        Assert.Equal(string.Empty, r.StdOut);
    }

    [Theory]
    [InlineData("--latency-ms", "5", "--in-server")]
    [InlineData("--plugin", "x.so", "--in-server and --pipewire-conf")]
    public void PluginRouteOptionsAreRefusedOnTheProcessRoute(string option, string value, string appliesTo)
    {
        var r = CliRunner.Run("virtual-mic", option, value, "--duration", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {option} applies to {appliesTo} only.", r.StdErr.Trim());
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
        string plugin = BuiltPlugin();
        var r = CliRunner.Run("virtual-mic", "--pipewire-conf", "--plugin", plugin, "--name", "quiet_mic", "--atten-lim", "24", "--input", "pulse:DEVICE=alsa_input.x", "--rate", "44100");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains($"plugin  = \"{plugin}\"", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"Attenuation limit (dB)\" = 24 ", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("audio.rate     = 44100", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("target.object = \"alsa_input.x\"", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("node.name = \"quiet_mic\"  media.class = Audio/Source", r.StdOut, StringComparison.Ordinal);
    }

    /// <summary>The config names a plugin PipeWire will dlopen: a file that is not our ELF LADSPA library is refused.</summary>
    [Fact]
    public void PipeWireConfRefusesAFileThatIsNotTheLadspaPlugin()
    {
        string notPlugin = typeof(VirtualMicArgumentTests).Assembly.Location;
        var r = CliRunner.Run("virtual-mic", "--pipewire-conf", "--plugin", notPlugin);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: --plugin: the plugin '{notPlugin}' ", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("it is not an ELF file", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.StdOut);
    }

    [Theory]
    [InlineData("--pipewire-conf", "0")]
    [InlineData("--pipewire-conf", "1000000")]
    [InlineData("--in-server", "0")]
    public void RatesOutsideTheDenoisersRangeAreRefusedBeforeAnythingHappens(string action, string rate)
    {
        var r = CliRunner.Run("virtual-mic", action, "--rate", rate, "--plugin", "/nonexistent/rtdenoise_ladspa.so");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: --rate {rate}: expected 4000..384000 Hz (the denoiser's sample-rate range).", r.StdErr.Trim());
        Assert.Equal(string.Empty, r.StdOut);
    }

    /// <summary>An --input with spaces would add module arguments of its own (adjust_time=0 remix=no): refused, before the server is asked.</summary>
    [Theory]
    [InlineData("--in-server", "src adjust_time=0 remix=no")]
    [InlineData("--pipewire-conf", "src\" capture.props")]
    [InlineData("--in-server", "pulse:DEVICE=src\tx")]
    public void AnInputThatCouldInjectArgumentsIsRefused(string action, string input)
    {
        var r = CliRunner.Run("virtual-mic", action, "--input", input, "--plugin", "/nonexistent/rtdenoise_ladspa.so");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --input '", r.StdErr, StringComparison.Ordinal);
        Assert.EndsWith("not a device name (no spaces, quotes, '=', backslashes or control characters; see pactl list short sources).", r.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.StdOut);
    }

    /// <summary>The built plugin (RTDENOISE_LADSPA_SO or artifacts/ladspa); the test skips without it.</summary>
    private static string BuiltPlugin()
    {
        string plugin = Environment.GetEnvironmentVariable("RTDENOISE_LADSPA_SO") is { Length: > 0 } so ? so : Path.Combine(LiveAudioEnvironment.RepoRoot, "artifacts", "ladspa", "rtdenoise_ladspa.so");
        if (!File.Exists(plugin))
        {
            Assert.Skip($"{plugin} is not built (scripts/build-ladspa.sh)");
        }

        return Path.GetFullPath(plugin);
    }
}
