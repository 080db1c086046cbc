using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// Replacing an in-server microphone never leaves the user without one (<see cref="InServerInstall"/> against a
/// scripted server): bad input is refused before any module is touched, a chain the server refuses fails in the
/// trial load, a failure after the swap loads the old chain back, and a mic another one records from is not replaced.
/// </summary>
public sealed class VirtualMicReplaceTests
{
    private const string OldPlugin = "/opt/rtd/old/rtdenoise_ladspa.so";
    private const string NewPlugin = "/opt/rtd/new plugins/rtdenoise_ladspa.so";

    private static InServerMic Mic(string name, string input, string plugin = OldPlugin) => new(name, input, 48000, 100f, 10, plugin);

    private static (FakePulseServer Server, List<ServerModule> Before) ServerWithMicA()
    {
        var server = new FakePulseServer("alsa_input.usb", "alsa_input.pci");
        Mic("a", "alsa_input.usb").Load(server.Client);
        server.Calls.Clear();
        return (server, [.. server.Modules]);
    }

    [Fact]
    public void AMissingInputIsRefusedBeforeTheWorkingMicIsTouched()
    {
        var (server, before) = ServerWithMicA();
        var ex = Assert.Throws<UserInputException>(() => new InServerInstall(server.Client).Run(Mic("a", "no_such_source")));
        Assert.Equal("--input no_such_source: the server has no such source (pactl list short sources lists them); nothing was changed.", ex.Message);
        Assert.Empty(server.Unloads);
        Assert.Empty(server.Loads);
        Assert.Equal(before, server.Modules);
        Assert.Contains("a", server.Sources);
    }

    [Fact]
    public void AChainTheServerRefusesFailsInTheTrialAndTheWorkingMicStays()
    {
        var (server, before) = ServerWithMicA();
        server.FailLoad = line => line.StartsWith("load-module module-ladspa-sink", StringComparison.Ordinal) && line.Contains(NewPlugin, StringComparison.Ordinal);
        var ex = Assert.Throws<VirtualMicException>(() => new InServerInstall(server.Client).Run(Mic("a", "alsa_input.pci", NewPlugin)));
        Assert.EndsWith("the microphone 'a' already loaded is left as it was.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, server.Modules);
        Assert.DoesNotContain(server.Unloads, u => before.Any(m => u == $"unload-module {m.Id}"));
        Assert.Contains("a", server.Sources);
    }

    [Fact]
    public void AReplacementSwapsTheChainAndLeavesNoTrialBehind()
    {
        var (server, before) = ServerWithMicA();
        var (loaded, replaced) = new InServerInstall(server.Client).Run(Mic("a", "alsa_input.pci", NewPlugin));
        Assert.Equal(before.Select(m => m.Id), replaced.Select(m => m.Id).Order());
        Assert.Equal(loaded, server.Modules.Select(m => m.Id));
        Assert.Equal("alsa_input.pci", server.Modules.Single(m => m.Name == "module-loopback").Argument("source"));
        Assert.Equal(NewPlugin, server.Modules.Single(m => m.Name == "module-ladspa-sink").Argument("plugin"));
        Assert.All(server.Modules, m => Assert.Equal(new OwnerMark(null, "a"), m.Mark));
    }

    [Fact]
    public void WhenTheFinalLoadFailsTheOldChainIsLoadedBack()
    {
        var (server, before) = ServerWithMicA();
        server.FailLoad = line => line.Contains("sink_name=\"a_ladspa\"", StringComparison.Ordinal) && line.Contains(NewPlugin, StringComparison.Ordinal);
        var ex = Assert.Throws<VirtualMicException>(() => new InServerInstall(server.Client).Run(Mic("a", "alsa_input.pci", NewPlugin)));
        Assert.EndsWith("the earlier microphone was loaded back as it was", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before.Select(m => (m.Name, m.Arguments)).Order(), server.Modules.Select(m => (m.Name, m.Arguments)).Order());
        Assert.Contains("a", server.Sources);
    }

    [Fact]
    public void ReplacingAMicAnotherMicRecordsFromIsRefusedNamingIt()
    {
        var (server, _) = ServerWithMicA();
        Mic("b", "a").Load(server.Client);
        List<ServerModule> before = [.. server.Modules];
        server.Calls.Clear();
        var ex = Assert.Throws<UserInputException>(() => new InServerInstall(server.Client).Run(Mic("a", "alsa_input.pci")));
        Assert.StartsWith("--name a: replacing this microphone would break what depends on it: the microphone 'b' records from it (module ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("remove 'b' first (rtdenoise virtual-mic --remove --name b); nothing was changed.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Unloads);
        Assert.Empty(server.Loads);
        Assert.Equal(before, server.Modules);
    }

    /// <summary>--remove goes ahead (the user asked for it) but names the mic that recorded from the removed one.</summary>
    [Fact]
    public void TheMicRecordingFromAnotherIsFoundAsItsDependent()
    {
        var (server, _) = ServerWithMicA();
        Mic("b", "a").Load(server.Client);
        IReadOnlyList<ServerModule> ofA = InServerMic.Find(server.Modules, "a");
        ServerModule? user = InServerChain.FindDependent(["a"], InServerMic.SinksOf("a"), server.Modules, ofA);
        Assert.Equal(("module-loopback", new OwnerMark(null, "b")), (user?.Name, user?.Mark));
        Assert.Null(InServerChain.FindDependent(["b"], InServerMic.SinksOf("b"), server.Modules, InServerMic.Find(server.Modules, "b")));
    }

    [Fact]
    public void TheMicsOwnMonitorIsRefusedAsItsInput()
    {
        var server = new FakePulseServer("alsa_input.usb");
        var ex = Assert.Throws<UserInputException>(() => new InServerInstall(server.Client).Run(Mic("a", "a_sink.monitor")));
        Assert.Contains("that is the microphone being created", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Loads);
    }
}
