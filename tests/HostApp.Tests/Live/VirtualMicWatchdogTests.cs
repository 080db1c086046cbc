using System.Diagnostics;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// What an external-route virtual microphone leaves when its teardown cannot run to the end, against a real
/// (private) PulseAudio: a server frozen (SIGSTOP) when the stop signal arrives, and a SIGKILL. The process still
/// ends within 2 s, and the run's watchdog removes its modules once the server answers. Run by
/// scripts/test-phases/30-live-audio.sh, which exports PULSE_PID; skipped without it.
/// </summary>
[Trait("Category", "LiveAudio")]
[Collection(SoundServerCollection.Name)]
public sealed class VirtualMicWatchdogTests
{
    private const int SigKill = 9, SigTerm = 15, SigInt = 2, SigStop = 19, SigCont = 18;

    [Fact]
    public void AFrozenServerAtTheStopSignalStillEndsWithin2sAndTheModulesGoOnceItAnswers()
    {
        int server = RequireServerPid();
        string name = $"frozen_{Guid.NewGuid().ToString("N")[..6]}";
        using ChildProcess mic = StartMic(name);
        Stopwatch clock;
        try
        {
            Signal(server, SigStop);
            clock = Stopwatch.StartNew();
            mic.Signal(SigTerm);
            Assert.True(mic.WaitForExit(TimeSpan.FromSeconds(5)), "virtual-mic did not end within 5 s of SIGTERM with the server frozen");
            clock.Stop();
        }
        finally
        {
            Signal(server, SigCont);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"virtual-mic took {clock.Elapsed.TotalMilliseconds:F0} ms to end: {mic.Stderr}");
        Assert.True(
            WaitFor(() => mic.Stderr.Contains("the run's watchdog (pid ", StringComparison.Ordinal), TimeSpan.FromSeconds(2)),
            $"the teardown did not hand the modules to the watchdog: {mic.Stderr}");
        Assert.DoesNotContain($"virtual microphone '{name}' removed", mic.Stderr, StringComparison.Ordinal);
        Assert.True(WaitFor(() => ModulesOf(mic.Id) == 0, TimeSpan.FromSeconds(30)), $"modules of pid {mic.Id} still loaded 30 s after the server resumed: {LiveAudioEnvironment.Pactl("list", "short", "modules")}");
        Assert.False(LiveAudioEnvironment.SourceExists(name));
    }

    [Fact]
    public void AfterSigkillTheWatchdogRemovesTheModules()
    {
        RequireServerPid();
        string name = $"killed_{Guid.NewGuid().ToString("N")[..6]}";
        using ChildProcess mic = StartMic(name);
        Assert.Equal(2, ModulesOf(mic.Id));
        mic.Signal(SigKill);
        Assert.True(mic.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.True(WaitFor(() => ModulesOf(mic.Id) == 0, TimeSpan.FromSeconds(30)), $"modules of pid {mic.Id} still loaded 30 s after SIGKILL: {LiveAudioEnvironment.Pactl("list", "short", "modules")}");
        Assert.False(LiveAudioEnvironment.SourceExists(name));
    }

    [Fact]
    public void ACompleteTeardownEndsTheWatchdog()
    {
        RequireServerPid();
        string name = $"clean_{Guid.NewGuid().ToString("N")[..6]}";
        using ChildProcess mic = StartMic(name);
        Assert.True(WaitFor(() => Watchdogs(mic.Id) == 1, TimeSpan.FromSeconds(5)), "no watchdog runs beside the virtual microphone");
        mic.Signal(SigInt);
        Assert.True(mic.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.True(WaitFor(() => mic.Stderr.Contains($"virtual microphone '{name}' removed", StringComparison.Ordinal), TimeSpan.FromSeconds(2)), mic.Stderr);
        Assert.True(WaitFor(() => Watchdogs(mic.Id) == 0, TimeSpan.FromSeconds(3)), "the watchdog outlived a complete teardown");
    }

    private static ChildProcess StartMic(string name)
    {
        var mic = ChildProcess.Start(LiveAudioEnvironment.Rtdenoise, ["virtual-mic", "--input", "pulse:DEVICE=noisy_in.monitor", "--name", name, "--bypass", "--duration", "60"]);
        Assert.True(WaitFor(() => LiveAudioEnvironment.SourceExists(name), TimeSpan.FromSeconds(20)), $"source {name} did not appear: {mic.Stderr}");

        // Streaming, not still opening its streams: the stop then reaches the teardown, whose message the tests read.
        Assert.True(WaitFor(() => mic.Stderr.Contains("Ctrl-C stops", StringComparison.Ordinal), TimeSpan.FromSeconds(20)), $"virtual-mic did not start streaming: {mic.Stderr}");
        Thread.Sleep(500);
        return mic;
    }

    private static int ModulesOf(int pid) =>
        ServerModule.ParseShortList(LiveAudioEnvironment.Pactl("list", "short", "modules")).Count(m => m.Mark?.OwnerPid == pid);

    private static int Watchdogs(int owner) => LiveAudioEnvironment.WatchdogsOf(owner).Count;

    private static int RequireServerPid()
    {
        LiveAudioEnvironment.RequireServer();
        if (!int.TryParse(Environment.GetEnvironmentVariable("PULSE_PID"), out int pid))
        {
            Assert.Skip("PULSE_PID is unset: the private PulseAudio of scripts/test-phases/30-live-audio.sh exports it");
        }

        return pid;
    }

    private static void Signal(int pid, int signal) =>
        ChildProcess.Run(TimeSpan.FromSeconds(5), "kill", $"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(200);
        }

        return false;
    }
}
