using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// Parsing `pactl list short modules` (text recorded from PulseAudio 16.1 and pipewire-pulse 0.3.65) and the
/// ownership mark that decides which modules virtual-mic may unload (matching by name alone would
/// remove the server's own source named virtual_mic and another instance's live modules).
/// </summary>
public sealed class ServerModuleListTests
{
    // PulseAudio 16.1: a foreign remap source named virtual_mic, a live external-route mic (pid 4242), a dead one
    // (pid 999999), and an in-server mic "mymic"; arguments are printed verbatim, quotes included.
    private const string PulseAudioList =
        "0\tmodule-native-protocol-unix\tauth-anonymous=1\t\n" +
        "1\tmodule-null-sink\tsink_name=noisy_in format=float32le rate=48000 channels=1\t\n" +
        "3\tmodule-remap-source\tmaster=denoised_out.monitor source_name=virtual_mic channels=1 channel_map=mono\t\n" +
        "9\tmodule-null-sink\tsink_name=virtual_mic_sink format=float32le rate=48000 channels=1 sink_properties=device.description=virtual_mic_sink\t\n" +
        "10\tmodule-null-sink\tsink_name=a_sink format=float32le rate=48000 channels=1 sink_properties='device.description=\"a (rtdenoise pid 4242 output)\" rtdenoise.owner=4242 rtdenoise.mic=a'\t\n" +
        "11\tmodule-remap-source\tmaster=a_sink.monitor source_name=a channels=1 channel_map=mono source_properties='device.description=\"a (rtdenoise pid 4242)\" rtdenoise.owner=4242 rtdenoise.mic=a'\t\n" +
        "14\tmodule-null-sink\tsink_name=mymic_sink format=float32le rate=48000 channels=1 channel_map=mono sink_properties='device.description=\"mymic output (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=mymic'\t\n" +
        "15\tmodule-ladspa-sink\tsink_name=mymic_ladspa sink_master=mymic_sink rate=48000 channels=1 channel_map=mono plugin=/opt/rt/lib/ladspa/rtdenoise_ladspa.so label=rtdenoise control=100,0 sink_properties='device.description=\"mymic denoiser (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=mymic'\t\n" +
        "16\tmodule-remap-source\tsource_name=mymic master=mymic_sink.monitor channels=1 channel_map=mono source_properties='device.description=\"mymic microphone (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=mymic'\t\n" +
        "17\tmodule-loopback\tsource=alsa_input.usb-mic sink=mymic_ladspa latency_msec=10 channels=1 channel_map=mono source_dont_move=true sink_dont_move=true sink_input_properties='device.description=\"mymic input (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=mymic' source_output_properties='device.description=\"mymic input (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=mymic'\t\n" +
        "18\tmodule-null-sink\tsink_name=other_sink rate=48000 channels=1 sink_properties='device.description=\"x\" rtdenoise.owner=in-server rtdenoise.mic=other'\t1\n";

    // pipewire-pulse 0.3.65: its own modules have multi-line arguments (continuation lines carry no id).
    private const string PipeWireList =
        "1\tlibpipewire-module-rt\t{\n" +
        "            nice.level    = -11\n" +
        "            #rt.prio      = 88\n" +
        "        }\t\n" +
        "2\tlibpipewire-module-protocol-native\t\t\n" +
        "16\tlibpipewire-module-access\t{\n" +
        "            # access.allowed to list an array of paths of allowed\n" +
        "12\t is not a module line\n" +
        "        }\t\n" +
        "536870912\tmodule-always-sink\t\t\n" +
        "536870913\tmodule-null-sink\tsink_name=t_sink rate=48000 channels=1 sink_properties='device.description=\"rtdenoise mic (pid 1)\" rtdenoise.owner=1 rtdenoise.mic=x'\t\n";

    [Fact]
    public void PulseAudioLinesParseWithIdNameAndVerbatimArguments()
    {
        var modules = ServerModule.ParseShortList(PulseAudioList);
        Assert.Equal(["0", "1", "3", "9", "10", "11", "14", "15", "16", "17", "18"], modules.Select(m => m.Id));
        ServerModule ladspa = modules.Single(m => m.Id == "15");
        Assert.Equal("module-ladspa-sink", ladspa.Name);
        Assert.Equal("/opt/rt/lib/ladspa/rtdenoise_ladspa.so", ladspa.Argument("plugin"));
        Assert.Equal("48000", ladspa.Argument("rate"));
        Assert.Equal("10", modules.Single(m => m.Id == "17").Argument("latency_msec"));
        Assert.Equal("alsa_input.usb-mic", modules.Single(m => m.Id == "17").Argument("source"));
        Assert.Null(ladspa.Argument("latency_msec"));
        // a key inside a quoted property list is not a top-level argument
        Assert.Null(modules.Single(m => m.Id == "10").Argument("rtdenoise.owner"));
    }

    [Fact]
    public void AModuleMerelyNamedLikeOursCarriesNoMark()
    {
        var modules = ServerModule.ParseShortList(PulseAudioList);
        Assert.Null(modules.Single(m => m.Id == "3").Mark);  // the server's own remap source "virtual_mic"
        Assert.Null(modules.Single(m => m.Id == "9").Mark);  // a sink named like an old (unmarked) run's
        Assert.Equal(new OwnerMark(4242, "a"), modules.Single(m => m.Id == "10").Mark);
        Assert.Equal(new OwnerMark(null, "mymic"), modules.Single(m => m.Id == "16").Mark);
        Assert.True(modules.Single(m => m.Id == "17").Mark!.IsInServer);
    }

    [Theory]
    [InlineData("sink_properties=rtdenoise.owner=12", null)]                              // no mic name
    [InlineData("sink_properties='rtdenoise.owner=0 rtdenoise.mic=a'", null)]             // pid 0 is no process
    [InlineData("sink_properties='rtdenoise.owner=12x rtdenoise.mic=a'", null)]
    [InlineData("sink_properties='xrtdenoise.owner=12 rtdenoise.mic=a'", null)]           // another property's suffix
    [InlineData("sink_properties='rtdenoise.owner=99999999999 rtdenoise.mic=a'", null)]   // overflows a pid
    [InlineData("sink_properties='rtdenoise.owner=in-serverx rtdenoise.mic=a'", null)]
    [InlineData("sink_properties=\"rtdenoise.owner=12 rtdenoise.mic=a\"", "12:a")]
    [InlineData("source_properties='device.description=\"m\" rtdenoise.owner=in-server rtdenoise.mic=m.1-x'", "in-server:m.1-x")]
    public void OnlyAWellFormedMarkIsOurs(string arguments, string? expected)
    {
        OwnerMark? mark = OwnerMark.Find(arguments);
        Assert.Equal(expected, mark is null ? null : $"{(mark.OwnerPid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? OwnerMark.InServerOwner)}:{mark.Name}");
    }

    [Fact]
    public void PipeWireMultiLineArgumentsAreSkippedAndItsMarksRead()
    {
        var modules = ServerModule.ParseShortList(PipeWireList);
        Assert.Equal(["1", "2", "16", "536870912", "536870913"], modules.Select(m => m.Id));
        Assert.All(modules.Take(4), m => Assert.Null(m.Mark));
        Assert.Equal(new OwnerMark(1, "x"), modules[^1].Mark);
    }

    [Fact]
    public void RemoveFindsExactlyTheInServerModulesOfThatNameUsersFirst()
    {
        var modules = ServerModule.ParseShortList(PulseAudioList);
        Assert.Equal(["16", "17", "15", "14"], InServerMic.Find(modules, "mymic").Select(m => m.Id));
        Assert.Equal(["18"], InServerMic.Find(modules, "other").Select(m => m.Id));
        Assert.Empty(InServerMic.Find(modules, "a"));            // external route: owned by a process, not removable
        Assert.Empty(InServerMic.Find(modules, "virtual_mic"));  // unmarked
    }

    [Fact]
    public void OwnerIsAliveOnlyWhileAnRtdenoiseProcessHasThatPid()
    {
        Assert.True(OwnerProcess.IsAlive(Environment.ProcessId));
        using var sleeper = System.Diagnostics.Process.Start("sleep", "30");
        try
        {
            Assert.False(OwnerProcess.IsAlive(sleeper.Id), "a running process that is not rtdenoise does not own our modules");
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }

        Assert.False(OwnerProcess.IsAlive(sleeper.Id), "an exited process owns nothing");
    }

    [Fact]
    public void PipeWireConfNamesThePluginTheControlsAndTheInput()
    {
        string conf = PipeWireConf.Build("mic1", "/opt/my \"lib\"/rtdenoise_ladspa.so", 12.5f, 48000, "alsa_input.usb");
        Assert.Contains("plugin  = \"/opt/my \\\"lib\\\"/rtdenoise_ladspa.so\"", conf, StringComparison.Ordinal);
        Assert.Contains("control = { \"Attenuation limit (dB)\" = 12.5  \"Bypass\" = 0 }", conf, StringComparison.Ordinal);
        Assert.Contains("target.object = \"alsa_input.usb\"", conf, StringComparison.Ordinal);
        Assert.Contains("playback.props = { node.name = \"mic1\"  media.class = Audio/Source }", conf, StringComparison.Ordinal);
        Assert.DoesNotContain("target.object", PipeWireConf.Build("mic1", "/p.so", 100, 48000, null), StringComparison.Ordinal);
    }
}
