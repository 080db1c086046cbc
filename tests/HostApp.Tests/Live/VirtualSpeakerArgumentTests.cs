namespace RtDenoise.HostApp.Tests.Live;

/// <summary>virtual-speaker's refusals that need no sound server (one line, exit 2), and a server that does not answer (exit 1).</summary>
public sealed class VirtualSpeakerArgumentTests
{
    [Theory]
    [InlineData(new string[0], "error: virtual-speaker needs an action: --in-server (load the speaker), --remove or --status.")]
    [InlineData(new[] { "--in-server", "--remove" }, "error: --in-server, --remove and --status are separate actions: give one.")]
    [InlineData(new[] { "--status", "--output", "alsa_output.pci" }, "error: --output applies to --in-server only.")]
    [InlineData(new[] { "--remove", "--atten-lim", "12" }, "error: --atten-lim applies to --in-server only.")]
    [InlineData(new[] { "--status", "--plugin", "x.so" }, "error: --plugin applies to --in-server only.")]
    [InlineData(new[] { "--in-server", "--json" }, "error: --json applies to --status only.")]
    [InlineData(new[] { "--remove", "--name", "has space" }, "error: --name 'has space': use 1 to 64 letters, digits, '_', '-' or '.' (it becomes a PulseAudio sink name).")]
    [InlineData(new[] { "--in-server", "--rate", "1000000" }, "error: --rate 1000000: expected 4000..384000 Hz (the denoiser's sample-rate range).")]
    [InlineData(new[] { "--in-server", "--atten-lim", "101" }, "error: --atten-lim 101 must be a number of dB in 0..100 (100 = no limit).")]
    [InlineData(new[] { "--in-server", "--output", "sink adjust_time=0" }, "error: --output 'sink adjust_time=0': not a device name (no spaces, quotes, '=', backslashes or control characters; see pactl list short sinks).")]
    [InlineData(new[] { "--in-server", "--plugin", "/nonexistent/rtdenoise_ladspa.so" }, "error: --plugin '/nonexistent/rtdenoise_ladspa.so' does not exist (build it with scripts/build-ladspa.sh).")]
    public void BadInputIsOneLineAndExitTwo(string[] args, string message)
    {
        var r = CliRunner.Run(["virtual-speaker", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.StdErr.Trim());
        Assert.Equal(string.Empty, r.StdOut);
    }

    [Theory]
    [InlineData("--status")]
    [InlineData("--remove")]
    public void AServerThatDoesNotAnswerIsNamedWithExitOne(string action)
    {
        var env = new Dictionary<string, string> { ["PULSE_SERVER"] = "unix:/nonexistent/rtdenoise-test/native" };
        var r = CliRunner.Run(env, "virtual-speaker", action);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("error: no PulseAudio/PipeWire server answers `pactl info` (", r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
    }
}
