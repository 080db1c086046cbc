using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// Unloading tries every module, each with its own time bound, and reports exactly what is left: a frozen module
/// does not abort the loop, and a dead server is never reported as a removed microphone.
/// </summary>
public sealed class VirtualMicCleanupTests
{
    [Fact]
    public void EveryModuleIsTriedAndEachOneLeftIsNamed()
    {
        var server = new FakePulseServer("alsa_input.usb");
        string[] ids = [server.Load("module-remap-source", "source_name=x"), server.Load("module-loopback", "source=y"), server.Load("module-null-sink", "sink_name=x_sink")];
        server.Frozen.Add(ids[0]);
        server.FailUnload[ids[1]] = "Failure: Access denied";
        ModuleCleanup.Report r = ModuleCleanup.UnloadAll(server.Client, ids);
        Assert.Equal(ids.Select(id => $"unload-module {id}"), server.Unloads);
        Assert.Equal([ids[2]], r.Unloaded);
        Assert.Equal([ids[0], ids[1]], r.Failures.Select(f => f.Id));
        Assert.Equal(
            $"could not remove module {ids[0]}: pactl unload-module {ids[0]} did not answer within 10 s; could not remove module {ids[1]}: pactl unload-module {ids[1]} failed: Failure: Access denied",
            r.Describe());
    }

    [Fact]
    public void ADeadServerIsReportedNotCalledRemoved()
    {
        var server = new FakePulseServer();
        server.FailUnload["7"] = "Connection failure: Connection refused";
        server.FailUnload["6"] = "Connection failure: Connection refused";
        var error = new StringWriter();
        int code = ExternalMicTeardown.Run(server.Client, "mic", ["7", "6"], 0, error);
        Assert.Equal(1, code);
        Assert.Equal(
            "error: virtual microphone 'mic' was not fully removed: could not remove module 7: pactl unload-module 7 failed: Connection failure: Connection refused; could not remove module 6: pactl unload-module 6 failed: Connection failure: Connection refused (rtdenoise virtual-mic --cleanup removes what is left once the server answers)",
            error.ToString().Trim());
    }

    [Fact]
    public void AFullTeardownSaysRemovedAndKeepsTheRunsCode()
    {
        var server = new FakePulseServer();
        string a = server.Load("module-remap-source", "source_name=mic"), b = server.Load("module-null-sink", "sink_name=mic_sink");
        var error = new StringWriter();
        Assert.Equal(3, ExternalMicTeardown.Run(server.Client, "mic", [a, b], 3, error));
        Assert.Equal("virtual microphone 'mic' removed", error.ToString().Trim());
        Assert.Empty(server.Modules);
    }

    [Fact]
    public void AFailedLoadUndoesEveryModuleAndNamesTheOneLeft()
    {
        var server = new FakePulseServer("alsa_input.usb");
        server.FailLoad = line => line.StartsWith("load-module module-loopback", StringComparison.Ordinal);
        server.Frozen.Add("22"); // the remap source, third loaded: unloaded first, and it never answers
        var mic = new InServerMic("m", "alsa_input.usb", 48000, 100f, 10, "/p/rtdenoise_ladspa.so");
        var ex = Assert.Throws<VirtualMicException>(() => mic.Load(server.Client));
        Assert.EndsWith("undoing it: could not remove module 22: pactl unload-module 22 did not answer within 10 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["unload-module 22", "unload-module 21", "unload-module 20"], server.Unloads);
        Assert.Equal(["22"], server.Modules.Select(m => m.Id));
    }

    [Fact]
    public void AfterAStopSignalTheUnloadsShareTheGraceTimeLeftAndTheWatchdogIsNamed()
    {
        var server = new FakePulseServer();
        string[] ids = [server.Load("module-remap-source", "source_name=x"), server.Load("module-null-sink", "sink_name=x_sink")];
        server.Frozen.UnionWith(ids);
        TimeSpan grace = TimeSpan.FromMilliseconds(900);
        var error = new StringWriter();
        bool stopped = false;
        int code = ExternalMicTeardown.Run(server.Client, "x", ids, 0, error, () => grace - server.Waited, 4242, _ => stopped = true);

        Assert.Equal(1, code);
        Assert.False(stopped);
        Assert.Equal(grace - ModuleCleanup.ReportMargin, server.Waited); // the first unload waited what was left; the second was not tried
        Assert.Equal([$"unload-module {ids[0]}"], server.Unloads);
        string message = error.ToString();
        Assert.Contains($"could not remove module {ids[0]}: pactl unload-module {ids[0]} did not answer within 0.65 s", message, StringComparison.Ordinal);
        Assert.Contains($"could not remove module {ids[1]}: not tried", message, StringComparison.Ordinal);
        Assert.Contains("the run's watchdog (pid 4242) removes them once the server answers", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACompleteTeardownStopsTheWatchdog()
    {
        var server = new FakePulseServer();
        string[] ids = [server.Load("module-remap-source", "source_name=x"), server.Load("module-null-sink", "sink_name=x_sink")];
        int? stopped = null;
        var error = new StringWriter();
        int code = ExternalMicTeardown.Run(server.Client, "x", ids, 0, error, () => null, 4242, pid => stopped = pid);
        Assert.Equal(0, code);
        Assert.Equal(4242, stopped);
        Assert.Equal("virtual microphone 'x' removed", error.ToString().Trim());
    }
}
