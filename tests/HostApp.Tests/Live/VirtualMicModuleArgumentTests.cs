using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// What reaches the server's argument parser: every value double-quoted (a path with a space stays one value),
/// device names that could add arguments refused, and the PipeWire config's strings escaped.
/// </summary>
public sealed class VirtualMicModuleArgumentTests
{
    [Fact]
    public void APluginPathWithASpaceIsOneQuotedValue()
    {
        var mic = new InServerMic("m", "alsa_input.usb", 48000, 24f, 10, "/home/me/my plugins/rtdenoise_ladspa.so");
        string[] ladspa = mic.ModuleArguments()[1];
        Assert.Contains("plugin=\"/home/me/my plugins/rtdenoise_ladspa.so\"", ladspa);
        var parsed = new ServerModule("1", ladspa[0], string.Join(' ', ladspa[1..]));
        Assert.Equal("/home/me/my plugins/rtdenoise_ladspa.so", parsed.Argument("plugin"));
        Assert.Equal("rtdenoise", parsed.Argument("label"));
        Assert.Equal(new OwnerMark(null, "m"), parsed.Mark);
    }

    [Fact]
    public void EveryValueButThePropertyListsIsDoubleQuoted()
    {
        var mic = new InServerMic("m", "alsa_input.usb", 44100, 24f, 10, "/p/rtdenoise_ladspa.so");
        foreach (string[] module in mic.ModuleArguments())
        {
            Assert.All(module[1..].Where(a => !a.Contains("_properties=", StringComparison.Ordinal)), a => Assert.Matches("^[a-z_]+=\"[^\"\\\\]+\"$", a));
        }
    }

    [Theory]
    [InlineData("src adjust_time=0 remix=no")]
    [InlineData("src\tx")]
    [InlineData("a'b")]
    [InlineData("a\"b")]
    [InlineData("a=b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    [InlineData("")]
    public void DeviceNamesThatCouldAddArgumentsAreRefused(string name)
    {
        var ex = Assert.Throws<UserInputException>(() => ModuleArgument.CheckDeviceName(name, "--input"));
        Assert.StartsWith("--input '", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain('\u0001', ex.Message);
    }

    [Theory]
    [InlineData("alsa_input.pci-0000_00_1f.3.analog-stereo")]
    [InlineData("noisy_in.monitor")]
    [InlineData("bluez_input.00:11:22:33:44:55.0")]
    public void RealDeviceNamesPass(string name) => Assert.Equal(name, ModuleArgument.CheckDeviceName(name, "--input"));

    [Theory]
    [InlineData("/p/a\"b.so")]
    [InlineData("/p/a\\b.so")]
    [InlineData("/p/a\nb.so")]
    public void APluginPathNoQuotedValueCanCarryIsRefused(string path)
    {
        var mic = new InServerMic("m", "alsa_input.usb", 48000, 24f, 10, path);
        var ex = Assert.Throws<UserInputException>(() => mic.ModuleArguments());
        Assert.StartsWith("--plugin '", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PipeWireStringsEscapeQuotesBackslashesAndControlCharacters() =>
        Assert.Equal("\"a\\\"b\\\\c\\nd\\te\\u0001f\"", PipeWireConf.Quote("a\"b\\c\nd\te\u0001f"));

    [Theory]
    [InlineData(0)]
    [InlineData(3999)]
    [InlineData(384001)]
    public void RatesOutsideTheDenoisersRangeAreRefused(int rate)
    {
        var ex = Assert.Throws<UserInputException>(() => ServerRate.Check(rate));
        Assert.Equal($"--rate {rate}: expected 4000..384000 Hz (the denoiser's sample-rate range).", ex.Message);
    }
}
