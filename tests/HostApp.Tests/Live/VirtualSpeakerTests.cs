using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// The in-server virtual speaker against a scripted server: its one module's arguments and mark, the refusals it
/// shares with the microphone (a taken name, a missing output, a replacement that would break a user), and that a
/// speaker and a microphone of the same name never touch each other's modules.
/// </summary>
public sealed class VirtualSpeakerTests
{
    private const string Plugin = "/opt/my plugins/rtdenoise_ladspa.so";

    private static InServerSpeaker Speaker(string name, string output = "alsa_output.pci", string plugin = Plugin) => new(name, output, 48000, 24f, plugin);

    private static FakePulseServer Server()
    {
        var server = new FakePulseServer("alsa_input.usb");
        server.Sinks.Add("alsa_output.pci");
        server.Sinks.Add("alsa_output.usb");
        return server;
    }

    [Fact]
    public void OneLadspaSinkPlaysOnTheOutputWithOurPluginAndTheSpeakersMark()
    {
        string[] module = Assert.Single(Speaker("spk").ModuleArguments());
        Assert.Equal("module-ladspa-sink", module[0]);
        var parsed = new ServerModule("1", module[0], string.Join(' ', module[1..]));
        Assert.Equal("spk", parsed.Argument("sink_name"));
        Assert.Equal("alsa_output.pci", parsed.Argument("sink_master"));
        Assert.Equal(Plugin, parsed.Argument("plugin"));
        Assert.Equal("rtdenoise", parsed.Argument("label"));
        Assert.Equal("24,0", parsed.Argument("control"));
        Assert.Equal(("48000", "1", "mono"), (parsed.Argument("rate"), parsed.Argument("channels"), parsed.Argument("channel_map")));
        Assert.Equal(new OwnerMark(null, "spk", DeviceKind.Speaker), parsed.Mark);
        Assert.Contains("device.description=\"spk (rtdenoise denoised speaker)\" rtdenoise.owner=in-server rtdenoise.speaker=spk", parsed.Arguments, StringComparison.Ordinal);
        Assert.All(module[1..^1], a => Assert.Matches("^[a-z_]+=\"[^\"\\\\]+\"$", a));
    }

    [Theory]
    [InlineData("sink_properties='rtdenoise.owner=in-server rtdenoise.speaker=s'", "Speaker:s")]
    [InlineData("sink_properties='rtdenoise.owner=in-server rtdenoise.mic=m'", "Microphone:m")] // the mic's marks read as before
    [InlineData("sink_properties='rtdenoise.owner=12 rtdenoise.mic=m'", "Microphone:m")]
    [InlineData("sink_properties='rtdenoise.owner=12 rtdenoise.speaker=s'", null)]                              // a speaker has no owner process
    [InlineData("sink_properties='rtdenoise.owner=in-server rtdenoise.mic=m rtdenoise.speaker=s'", null)]     // which one?
    [InlineData("sink_properties='rtdenoise.owner=in-server xrtdenoise.speaker=s'", null)]
    public void TheSpeakersMarkIsItsOwnAndTheMicsStillReads(string arguments, string? expected)
    {
        OwnerMark? mark = OwnerMark.Find(arguments);
        Assert.Equal(expected, mark is null ? null : $"{mark.Kind}:{mark.Name}");
    }

    [Fact]
    public void AnInstalledSpeakerIsASinkNamedLikeIt()
    {
        var server = Server();
        var (loaded, replaced) = new InServerInstall(server.Client).Run(Speaker("spk"));
        Assert.Empty(replaced);
        Assert.Equal(loaded, server.Modules.Select(m => m.Id));
        Assert.Contains("spk", server.Sinks);
        Assert.Equal(["module-ladspa-sink"], InServerSpeaker.Find(server.Modules, "spk").Select(m => m.Name));
        Assert.Empty(InServerMic.Find(server.Modules, "spk"));
    }

    [Fact]
    public void ANameAForeignModuleHoldsIsRefusedAndNothingIsLoaded()
    {
        var server = Server();
        string foreign = server.Load("module-null-sink", "sink_name=spk");
        server.Calls.Clear();
        var ex = Assert.Throws<UserInputException>(() => new InServerInstall(server.Client).Run(Speaker("spk")));
        Assert.Equal($"--name spk: the name is taken: the server already has a sink 'spk', loaded by module {foreign} (module-null-sink), which is not rtdenoise's; choose another --name.", ex.Message);
        Assert.Empty(server.Loads);
        Assert.Single(server.Modules);
    }

    [Fact]
    public void ASpeakerNamedLikeOneOfAMicsSinksNamesTheMic()
    {
        var server = Server();
        new InServerMic("m", "alsa_input.usb", 48000, 100f, 20, Plugin).Load(server.Client);
        var ex = Assert.Throws<UserInputException>(() => new InServerInstall(server.Client).Run(Speaker("m_sink")));
        Assert.Equal("--name m_sink: the name is taken: the server already has a sink 'm_sink', loaded by the in-server microphone 'm' (remove it with: rtdenoise virtual-mic --remove --name m); choose another --name.", ex.Message);
    }

    [Theory]
    [InlineData("no_such_sink", "--output no_such_sink: the server has no such sink (pactl list short sinks lists them); nothing was changed.")]
    [InlineData("spk", "--output spk: that is the speaker being created; choose the real output (pactl list short sinks).")]
    [InlineData("alsa_output.pci adjust_time=0", "--output 'alsa_output.pci adjust_time=0': not a device name (no spaces, quotes, '=', backslashes or control characters; see pactl list short sinks).")]
    public void AnOutputThatIsNotARealSinkIsRefusedBeforeAnythingIsLoaded(string output, string message)
    {
        var server = Server();
        var ex = Assert.Throws<UserInputException>(() => new InServerInstall(server.Client).Run(Speaker("spk", output)));
        Assert.Equal(message, ex.Message);
        Assert.Empty(server.Loads);
    }

    [Fact]
    public void AReplacementIsTriedUnderATrialNameThenSwapped()
    {
        var server = Server();
        new InServerInstall(server.Client).Run(Speaker("spk"));
        var (loaded, replaced) = new InServerInstall(server.Client).Run(Speaker("spk", "alsa_output.usb"));
        Assert.Single(replaced);
        Assert.Contains(server.Loads, l => l.Contains($"sink_name=\"{InServerInstall.TrialName}\"", StringComparison.Ordinal));
        ServerModule now = Assert.Single(server.Modules);
        Assert.Equal((loaded.Single(), "alsa_output.usb"), (now.Id, now.Argument("sink_master")));
    }

    [Fact]
    public void AReplacementTheServerRefusesLeavesTheWorkingSpeaker()
    {
        var server = Server();
        new InServerInstall(server.Client).Run(Speaker("spk"));
        List<ServerModule> before = [.. server.Modules];
        server.FailLoad = line => line.Contains("/new/", StringComparison.Ordinal);
        var ex = Assert.Throws<VirtualMicException>(() => new InServerInstall(server.Client).Run(Speaker("spk", plugin: "/new/rtdenoise_ladspa.so")));
        Assert.EndsWith("the speaker 'spk' already loaded is left as it was.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, server.Modules);
    }

    [Fact]
    public void ASpeakerAMicRecordsFromIsNotReplaced()
    {
        var server = Server();
        new InServerInstall(server.Client).Run(Speaker("spk"));
        new InServerInstall(server.Client).Run(new InServerMic("m", "spk.monitor", 48000, 100f, 20, Plugin));
        List<ServerModule> before = [.. server.Modules];
        var ex = Assert.Throws<UserInputException>(() => new InServerInstall(server.Client).Run(Speaker("spk", "alsa_output.usb")));
        Assert.StartsWith("--name spk: replacing this speaker would break what depends on it: the microphone 'm' records from it (module ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, server.Modules);
    }

    /// <summary>A mic and a speaker may share a name (a source and a sink): each command's --remove takes only its own.</summary>
    [Theory]
    [InlineData(DeviceKind.Speaker)]
    [InlineData(DeviceKind.Microphone)]
    public void RemoveTakesOnlyTheModulesOfItsOwnKind(DeviceKind kind)
    {
        var server = Server();
        new InServerInstall(server.Client).Run(new InServerMic("x", "alsa_input.usb", 48000, 100f, 20, Plugin));
        new InServerInstall(server.Client).Run(Speaker("x"));
        List<ServerModule> mic = [.. InServerMic.Find(server.Modules, "x")];
        List<ServerModule> speaker = [.. InServerSpeaker.Find(server.Modules, "x")];
        Assert.Equal((4, 1), (mic.Count, speaker.Count));
        var log = new StringWriter();
        IReadOnlyList<string> sinks = kind == DeviceKind.Speaker ? InServerSpeaker.SinksOf("x") : InServerMic.SinksOf("x");
        int? code = InServerRemoval.Run(server.Client, server.Modules, kind, "x", kind == DeviceKind.Speaker ? [] : ["x"], sinks, log);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(kind == DeviceKind.Speaker ? mic : speaker, server.Modules.OrderBy(m => m.UnloadRank).ToList());
        Assert.StartsWith($"removed the in-server {(kind == DeviceKind.Speaker ? "speaker" : "microphone")} 'x' (modules ", log.ToString(), StringComparison.Ordinal);

        // Asked again, it finds none of its kind and names the other, which it leaves alone.
        Assert.Null(InServerRemoval.Run(server.Client, server.Modules, kind, "x", [], sinks, log));
        string other = kind == DeviceKind.Speaker ? "microphone" : "speaker";
        Assert.EndsWith($"; 'x' is an in-server {other}, left alone (rtdenoise {(kind == DeviceKind.Speaker ? "virtual-mic" : "virtual-speaker")} --remove --name x removes it); nothing removed", InServerRemoval.NothingToRemove(server.Modules, kind, "x"), StringComparison.Ordinal);
    }

    /// <summary>Source x is the mic's and sink x the speaker's: each replaces itself without taking the other's name for a foreign one.</summary>
    [Fact]
    public void AMicAndASpeakerOfTheSameNameEachReplaceThemselves()
    {
        var server = Server();
        new InServerInstall(server.Client).Run(new InServerMic("x", "alsa_input.usb", 48000, 100f, 20, Plugin));
        new InServerInstall(server.Client).Run(Speaker("x"));
        var (_, speakerReplaced) = new InServerInstall(server.Client).Run(Speaker("x", "alsa_output.usb"));
        Assert.Equal("module-ladspa-sink", Assert.Single(speakerReplaced).Name);
        var (_, micReplaced) = new InServerInstall(server.Client).Run(new InServerMic("x", "alsa_input.usb", 44100, 100f, 20, Plugin));
        Assert.Equal(4, micReplaced.Count);
        Assert.All(micReplaced, m => Assert.Equal(DeviceKind.Microphone, m.Mark!.Kind));
        Assert.Equal((4, 1), (InServerMic.Find(server.Modules, "x").Count, InServerSpeaker.Find(server.Modules, "x").Count));
    }

    [Fact]
    public void RemovingASpeakerAMicRecordedFromWarnsAboutThatMic()
    {
        var server = Server();
        new InServerInstall(server.Client).Run(Speaker("spk"));
        new InServerInstall(server.Client).Run(new InServerMic("m", "spk.monitor", 48000, 100f, 20, Plugin));
        var log = new StringWriter();
        Assert.Equal(ExitCodes.Ok, InServerRemoval.Run(server.Client, server.Modules, DeviceKind.Speaker, "spk", [], InServerSpeaker.SinksOf("spk"), log));
        Assert.Contains("warning: the microphone 'm' used 'spk' and has lost it; remove it or create it again (rtdenoise virtual-mic --status)", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, InServerMic.Find(server.Modules, "m").Count);
    }

    [Fact]
    public void StatusListsSpeakersOnlyAndMicStatusMicsOnly()
    {
        var server = Server();
        new InServerInstall(server.Client).Run(new InServerMic("x", "alsa_input.usb", 48000, 100f, 20, Plugin));
        new InServerInstall(server.Client).Run(Speaker("x"));
        string speakerModule = InServerSpeaker.Find(server.Modules, "x").Single().Id;

        SpeakerStatus.Entry entry = Assert.Single(SpeakerStatus.Collect(server.Modules));
        Assert.Equal(("x", "alsa_output.pci", Plugin), (entry.Name, entry.Output, entry.PluginPath));
        Assert.NotNull(entry.Problem); // the plugin path does not exist here: said, not thrown
        Assert.All(Assert.Single(MicStatus.Collect(server.Modules)).Modules, m => Assert.Equal(DeviceKind.Microphone, m.Mark!.Kind));

        var text = new StringWriter();
        SpeakerStatus.Print([entry], text);
        Assert.StartsWith($"x: in-server{Environment.NewLine}  modules: {speakerModule} module-ladspa-sink{Environment.NewLine}  output:  alsa_output.pci{Environment.NewLine}  plugin:  {Plugin}", text.ToString(), StringComparison.Ordinal);
        var json = new StringWriter();
        SpeakerStatus.PrintJson([entry], json);
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToString());
        System.Text.Json.JsonElement e = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(("x", "in-server", "alsa_output.pci"), (e.GetProperty("name").GetString(), e.GetProperty("route").GetString(), e.GetProperty("output").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("declared_latency_ms").ValueKind);

        var none = new StringWriter();
        SpeakerStatus.Print([], none);
        Assert.Equal("no rtdenoise virtual speaker is loaded in this server", none.ToString().Trim());
    }
}
