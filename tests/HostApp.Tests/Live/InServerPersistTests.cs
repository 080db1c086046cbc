namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// `virtual-mic --in-server --persist` brings the mic back after a real server restart, and `--unpersist` leaves the
/// config files byte-identical. Run by scripts/test-phases/40-ladspa.sh (a private PulseAudio with PULSE_CONFIG_PATH
/// holding a copy of the phase's own start-up script, so the block is appended to an existing default.pa, and a
/// restart without -n/-F so PulseAudio finds that file itself) and 70-pipewire.sh (a private PipeWire; the restart
/// is pipewire-pulse's). RTDENOISE_TEST_SERVER_RESTART names the script that restarts the server (scripts/live/
/// private-pulse.sh or private-pipewire.sh, run with "restart"); skipped without it.
/// </summary>
[Trait("Category", "InServerMic")]
[Collection(SoundServerCollection.Name)]
public sealed class InServerPersistTests
{
    [Fact]
    public void APersistedMicComesBackAfterARestartAndRecordsDenoisedSpeech()
    {
        LiveAudioEnvironment.RequireServer();
        string plugin = Environment.GetEnvironmentVariable("RTDENOISE_LADSPA_SO") is { Length: > 0 } so ? so : Path.Combine(LiveAudioEnvironment.RepoRoot, "artifacts", "ladspa", "rtdenoise_ladspa.so");
        if (!File.Exists(plugin))
        {
            Assert.Skip($"{plugin} is not built (scripts/build-ladspa.sh)");
        }

        string restartScript = Environment.GetEnvironmentVariable("RTDENOISE_TEST_SERVER_RESTART") ?? string.Empty;
        if (restartScript.Length == 0)
        {
            Assert.Skip("RTDENOISE_TEST_SERVER_RESTART is unset: the restart test runs in scripts/test-phases/40-ladspa.sh and 70-pipewire.sh");
        }

        bool pipeWire = LiveAudioEnvironment.Pactl("info").Contains("PipeWire", StringComparison.Ordinal);
        string id = Guid.NewGuid().ToString("N")[..6];
        string feed = $"pfeed_{id}", mic = $"pmic_{id}";
        string feedArgs = $"sink_name={feed} format=float32le rate=48000 channels=1";

        // The feed sink stands for the user's real input, so it must outlive the restart. PulseAudio: a line of the
        // user's in default.pa (the test's own lines stay in the file and must come out as they went in). PipeWire:
        // a node of the PipeWire daemon itself (object.linger keeps it after pw-cli exits), as a sound card's is;
        // only pipewire-pulse restarts.
        string configDir = pipeWire
            ? Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") ?? throw new InvalidOperationException("XDG_CONFIG_HOME is set by private-pipewire.sh"), "pipewire")
            : Environment.GetEnvironmentVariable("PULSE_CONFIG_PATH") ?? throw new InvalidOperationException("40-ladspa.sh sets PULSE_CONFIG_PATH for this test");
        string userFile = Path.Combine(configDir, "default.pa");
        byte[]? userFileBefore = File.Exists(userFile) ? File.ReadAllBytes(userFile) : null;
        if (pipeWire)
        {
            var node = ChildProcess.Run(TimeSpan.FromSeconds(10), "pw-cli", "create-node", "adapter", $"{{ factory.name=support.null-audio-sink node.name={feed} media.class=Audio/Sink object.linger=true audio.position=[ MONO ] audio.rate=48000 }}");
            Assert.True(node.Code == 0, $"pw-cli create-node failed: {node.Stderr}");
            Assert.True(WaitFor(() => LiveAudioEnvironment.SourceExists($"{feed}.monitor"), TimeSpan.FromSeconds(5)), $"{feed}.monitor did not appear");
        }
        else
        {
            File.AppendAllText(userFile, $"load-module module-null-sink {feedArgs}\n");
            _ = LiveAudioEnvironment.Pactl(["load-module", "module-null-sink", .. feedArgs.Split(' ')]);
        }

        Dictionary<string, byte[]> configBefore = Snapshot(configDir);
        string dir = Directory.CreateTempSubdirectory("rtd-persist-").FullName;
        try
        {
            var load = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--persist", "--input", $"{feed}.monitor", "--name", mic, "--plugin", plugin);
            Assert.True(load.Code == 0, $"virtual-mic --in-server --persist exit {load.Code}: {load.Stderr}");
            Assert.Contains(pipeWire ? "pipewire-pulse loads" : "PulseAudio loads it at every start", load.Stderr, StringComparison.Ordinal);
            Assert.False(Same(configBefore, Snapshot(configDir)), $"--persist changed nothing under {configDir}");

            var restart = ChildProcess.Run(TimeSpan.FromSeconds(60), "bash", restartScript, "restart");
            Assert.True(restart.Code == 0, $"server restart failed ({restart.Code}): {restart.Stderr}");
            Assert.True(WaitFor(() => LiveAudioEnvironment.SourceExists(mic), TimeSpan.FromSeconds(15)), $"the persisted mic {mic} did not come back after the restart: {LiveAudioEnvironment.Pactl("list", "short", "sources")}");
            Assert.Equal(4, LiveAudioEnvironment.Pactl("list", "short", "modules").Split('\n').Count(l => l.Contains($"rtdenoise.mic={mic}", StringComparison.Ordinal) && l.Contains("module-", StringComparison.Ordinal)));

            string raw = Path.Combine(dir, "mic.raw");
            InServerRecording.Record(feed, mic, raw);
            InServerRecording.AssertDenoised(raw, $"persisted mic after a {(pipeWire ? "pipewire-pulse" : "PulseAudio")} restart");

            var remove = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", mic);
            Assert.True(remove.Code == 0, remove.Stderr);
            var unpersist = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--unpersist", "--name", mic);
            Assert.True(unpersist.Code == 0, unpersist.Stderr);
            Dictionary<string, byte[]> configAfter = Snapshot(configDir);
            Assert.Equal(configBefore.Keys.Order(), configAfter.Keys.Order());
            Assert.True(Same(configBefore, configAfter), $"the files under {configDir} are not byte-identical after --unpersist: {unpersist.Stderr}");
            TestContext.Current.SendDiagnosticMessage($"--unpersist: {unpersist.Stderr.Trim()}; {configAfter.Count} config file(s) byte-identical to before --persist");
        }
        finally
        {
            _ = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", mic);
            _ = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--unpersist", "--name", mic);
            if (userFileBefore is not null)
            {
                File.WriteAllBytes(userFile, userFileBefore);
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every file under <paramref name="dir"/> with its bytes.</summary>
    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes)
            : [];

    private static bool Same(Dictionary<string, byte[]> a, Dictionary<string, byte[]> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out byte[]? other) && kv.Value.AsSpan().SequenceEqual(other));

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > end)
            {
                return false;
            }

            Thread.Sleep(200);
        }

        return true;
    }
}
