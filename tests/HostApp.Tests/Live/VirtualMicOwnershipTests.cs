using System.Diagnostics;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// Module ownership against a real (private) PulseAudio: virtual-mic touches only modules carrying its ownership
/// mark whose owner is dead; a name taken by anybody else is refused. Run by scripts/test-phases/30-live-audio.sh.
/// </summary>
[Trait("Category", "LiveAudio")]
[Collection(SoundServerCollection.Name)]
public sealed class VirtualMicOwnershipTests
{
    private static readonly string[] ProcessorArgs = ["--model", Path.Combine(LiveAudioEnvironment.RepoRoot, "models", "denoiser.rtm")];

    /// <summary>Ownership needs live processes, not denoising: --bypass keeps two instances light on a loaded 2-core machine.</summary>
    private static readonly string[] LightArgs = ["--bypass"];

    [Fact]
    public void AForeignModuleWithOurNameIsRefusedAndLeftUntouched()
    {
        LiveAudioEnvironment.RequireServer();
        string name = $"foreign_{Guid.NewGuid().ToString("N")[..6]}";
        string module = LiveAudioEnvironment.Pactl("load-module", "module-remap-source", $"source_name={name}", "master=noisy_in.monitor", "channels=1", "channel_map=mono");
        try
        {
            string before = LiveAudioEnvironment.Pactl("list", "short", "modules");
            var run = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, ["virtual-mic", "--input", "pulse:DEVICE=noisy_in.monitor", "--name", name, .. ProcessorArgs, "--duration", "3"]);
            Assert.True(run.Code == 2, $"exit {run.Code}: {run.Stderr}");
            Assert.Contains($"--name {name}: the name is taken", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("which is not rtdenoise's", run.Stderr, StringComparison.Ordinal);

            var cleanup = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--cleanup", "--name", name);
            Assert.True(cleanup.Code == 0, cleanup.Stderr);
            var remove = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", name);
            Assert.True(remove.Code == 0, remove.Stderr);
            Assert.Contains("nothing removed", remove.Stderr, StringComparison.Ordinal);
            Assert.Equal(before, LiveAudioEnvironment.Pactl("list", "short", "modules"));
        }
        finally
        {
            _ = ChildProcess.Run(TimeSpan.FromSeconds(10), "pactl", "unload-module", module);
        }
    }

    [Fact]
    public void TwoLiveInstancesKeepEachOthersModulesAndCannotShareAName()
    {
        LiveAudioEnvironment.RequireServer();
        string id = Guid.NewGuid().ToString("N")[..6];
        string a = $"own_a_{id}", b = $"own_b_{id}";
        using var first = ChildProcess.Start(LiveAudioEnvironment.Rtdenoise, ["virtual-mic", "--input", "pulse:DEVICE=noisy_in.monitor", "--name", a, .. LightArgs, "--duration", "60"]);
        try
        {
            Assert.True(WaitFor(() => LiveAudioEnvironment.SourceExists(a), TimeSpan.FromSeconds(20)), $"source {a} did not appear: {first.Stderr}");
            using var second = ChildProcess.Start(LiveAudioEnvironment.Rtdenoise, ["virtual-mic", "--input", "pulse:DEVICE=noisy_in.monitor", "--name", b, .. LightArgs, "--duration", "60"]);
            try
            {
                Assert.True(WaitFor(() => LiveAudioEnvironment.SourceExists(b), TimeSpan.FromSeconds(20)), $"source {b} did not appear: {second.Stderr}");
                Assert.False(first.HasExited, $"the first instance ended on its own (not an ownership matter; machine overloaded?): {first.Stderr}");
                Assert.True(LiveAudioEnvironment.SourceExists(a), $"starting a second instance removed the first one's live microphone (first exited: {first.HasExited} {first.Stderr})");

                var cleanup = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--cleanup");
                Assert.True(cleanup.Code == 0, cleanup.Stderr);
                Assert.True(LiveAudioEnvironment.SourceExists(a) && LiveAudioEnvironment.SourceExists(b), $"--cleanup removed a live instance's microphone ({cleanup.Stderr}; first exited: {first.HasExited} {first.Stderr}; second exited: {second.HasExited} {second.Stderr})");

                var clash = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, ["virtual-mic", "--input", "pulse:DEVICE=noisy_in.monitor", "--name", a, .. ProcessorArgs, "--duration", "3"]);
                Assert.True(clash.Code == 2, $"exit {clash.Code}: {clash.Stderr}");
                Assert.True(clash.Stderr.Contains($"by rtdenoise (pid {first.Id}, still running)", StringComparison.Ordinal), $"the refusal does not name the first instance (pid {first.Id}): {clash.Stderr}");

                // Every module of both carries the mark with its owner's pid.
                var marks = ServerModule.ParseShortList(LiveAudioEnvironment.Pactl("list", "short", "modules")).Select(m => m.Mark).OfType<OwnerMark>().ToList();
                Assert.Equal(2, marks.Count(m => m == new OwnerMark(first.Id, a)));
                Assert.Equal(2, marks.Count(m => m == new OwnerMark(second.Id, b)));
            }
            finally
            {
                second.Signal(2);
                Assert.True(second.WaitForExit(TimeSpan.FromSeconds(10)), "second instance did not stop");
            }

            Assert.True(LiveAudioEnvironment.SourceExists(a), "the second instance's exit removed the first one's microphone");
            Assert.False(LiveAudioEnvironment.SourceExists(b));
        }
        finally
        {
            first.Signal(2);
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)), "first instance did not stop");
        }

        Assert.False(LiveAudioEnvironment.SourceExists(a));
    }

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }
}
