namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// `--chain` in `live` and `virtual-mic`. No audio device is needed: the chain is built and
/// configured for the stream before PortAudio opens anything, so its errors are one-line input errors (exit 2).
/// </summary>
public sealed class LiveChainOptionTests
{
    [Fact]
    public void LiveConfiguresTheChainForTheStreamRateBeforeOpeningDevices()
    {
        CliRunner.Result r = CliRunner.Run("live", "--rate", "8000", "--chain", "highpass:4000,dnn", "--duration", "1");

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --chain: highpass:4000 is at or above the Nyquist frequency (4000 Hz) of a 8000 Hz stream.", r.StdErr.Trim());
    }

    [Fact]
    public void LiveRefusesAChainTogetherWithAProcessor()
    {
        CliRunner.Result r = CliRunner.Run("live", "--chain", "highpass:80,dnn,limiter:-1", "--processor", "classic", "--duration", "1");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--chain and --processor 'classic' exclude each other", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void VirtualMicOffersTheChainOption()
    {
        CliRunner.Result r = CliRunner.Run("virtual-mic", "--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--chain", r.StdOut, StringComparison.Ordinal);
    }
}
