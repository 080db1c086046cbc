using System.Globalization;
using System.Text.Json;
using RtDenoise.HostApp.Live;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// `virtual-mic --in-server` in a real sound server: run by scripts/test-phases/40-ladspa.sh against a private
/// PulseAudio and by 70-pipewire.sh against a private PipeWire (pipewire-pulse), both after the plugin is built
/// (artifacts/ladspa, or RTDENOISE_LADSPA_SO). Skipped without PULSE_SERVER or the plugin. RTDENOISE_KEEP_RECORDINGS=DIR
/// keeps the mic's recording there (scripts/live/in-server-skips.sh explains the skips a recording may show).
/// </summary>
[Trait("Category", "InServerMic")]
[Collection(SoundServerCollection.Name)]
public sealed class InServerMicTests
{
    [Fact]
    public void InServerMicCarriesDenoisedSpeechAndRemoveRestoresTheModuleList()
    {
        LiveAudioEnvironment.RequireServer();
        string plugin = LiveAudioEnvironment.RequirePlugin();

        string id = Guid.NewGuid().ToString("N")[..6];
        string feed = $"feed_{id}", mic = $"ism_{id}";
        string feedModule = LiveAudioEnvironment.Pactl("load-module", "module-null-sink", $"sink_name={feed}", "format=float32le", "rate=48000", "channels=1");
        string dir = Directory.CreateTempSubdirectory("rtd-ism-").FullName;
        try
        {
            string before = LiveAudioEnvironment.Pactl("list", "short", "modules");
            var load = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", $"{feed}.monitor", "--name", mic, "--plugin", plugin);
            Assert.True(load.Code == 0, $"virtual-mic --in-server exit {load.Code}: {load.Stderr}");
            Assert.True(LiveAudioEnvironment.SourceExists(mic), $"source {mic} is not there: {load.Stderr}");

            var status = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--status", "--json");
            Assert.True(status.Code == 0, status.Stderr);
            using (JsonDocument json = JsonDocument.Parse(status.Stdout.Trim()))
            {
                JsonElement entry = json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == mic);
                Assert.Equal("in-server", entry.GetProperty("route").GetString());
                Assert.Equal(4, entry.GetProperty("modules").GetArrayLength());
                Assert.Equal(Path.GetFullPath(plugin), entry.GetProperty("plugin").GetString());
                double pluginMs = entry.GetProperty("plugin_latency_ms").GetDouble();
                Assert.True(pluginMs > 0, "the plugin declares its latency");
                Assert.Equal(pluginMs + InServerDefaults.LoopbackLatencyMs, entry.GetProperty("declared_latency_ms").GetDouble(), 3);
                Assert.True(entry.GetProperty("problem").ValueKind == JsonValueKind.Null, entry.GetProperty("problem").ToString());
            }

            // Loading again under the same name replaces ours; the mic as its own input is refused.
            var again = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", $"{feed}.monitor", "--name", mic, "--plugin", plugin);
            Assert.True(again.Code == 0, again.Stderr);
            Assert.Contains($"replaced the earlier in-server microphone '{mic}'", again.Stderr, StringComparison.Ordinal);
            var self = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", mic, "--name", mic, "--plugin", plugin);
            Assert.True(self.Code == 2, $"exit {self.Code}: {self.Stderr}");
            Assert.Contains("that is the microphone being created", self.Stderr, StringComparison.Ordinal);

            string raw = Path.Combine(dir, "mic.raw");
            InServerRecording.Record(feed, mic, raw);

            var remove = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", mic);
            Assert.True(remove.Code == 0, remove.Stderr);
            string after = LiveAudioEnvironment.Pactl("list", "short", "modules");
            Assert.Equal(before, after);
            Assert.DoesNotContain($"rtdenoise.mic={mic}", after, StringComparison.Ordinal);
            Assert.DoesNotContain($"{mic}_", after, StringComparison.Ordinal);
            Assert.False(LiveAudioEnvironment.SourceExists(mic));

            if (Environment.GetEnvironmentVariable("RTDENOISE_KEEP_RECORDINGS") is { Length: > 0 } keep)
            {
                File.Copy(raw, Path.Combine(keep, $"in-server-{id}.raw"), overwrite: true); // float32le mono 16 kHz
            }

            InServerRecording.AssertDenoised(raw, "in-server mic");
        }
        finally
        {
            _ = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", mic);
            _ = ChildProcess.Run(TimeSpan.FromSeconds(10), "pactl", "unload-module", feedModule);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Replacing a working mic never leaves the user without one: a replacement with an input the server does not
    /// have is refused (exit 2) and the mic stays in `pactl list short sources`; a replacement whose plugin path has
    /// a space loads (the path is one quoted module argument); a mic another mic records from is not replaced.
    /// </summary>
    [Fact]
    public void AFailingReplacementLeavesTheWorkingMicInPlace()
    {
        LiveAudioEnvironment.RequireServer();
        string plugin = LiveAudioEnvironment.RequirePlugin();

        string id = Guid.NewGuid().ToString("N")[..6];
        string feed = $"feed_{id}", mic = $"keep_{id}", user = $"user_{id}";
        string feedModule = LiveAudioEnvironment.Pactl("load-module", "module-null-sink", $"sink_name={feed}", "format=float32le", "rate=48000", "channels=1");
        string dir = Directory.CreateTempSubdirectory("rtd-ism-").FullName;
        string spaced = Path.Combine(dir, "my plugins", "rtdenoise_ladspa.so");
        Directory.CreateDirectory(Path.GetDirectoryName(spaced)!);
        File.Copy(plugin, spaced);
        try
        {
            string before = LiveAudioEnvironment.Pactl("list", "short", "modules");
            var load = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", $"{feed}.monitor", "--name", mic, "--plugin", plugin);
            Assert.True(load.Code == 0, $"virtual-mic --in-server exit {load.Code}: {load.Stderr}");
            string loaded = LiveAudioEnvironment.Pactl("list", "short", "modules");

            var bad = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", "no_such_source", "--name", mic, "--plugin", plugin);
            Assert.True(bad.Code == 2, $"exit {bad.Code}: {bad.Stderr}");
            Assert.Equal("error: --input no_such_source: the server has no such source (pactl list short sources lists them); nothing was changed.", bad.Stderr.Trim());
            Assert.True(LiveAudioEnvironment.SourceExists(mic), "a failed replacement removed the working mic");
            Assert.Equal(loaded, LiveAudioEnvironment.Pactl("list", "short", "modules"));

            var again = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", $"{feed}.monitor", "--name", mic, "--plugin", spaced);
            Assert.True(again.Code == 0, $"a plugin path with a space: exit {again.Code}: {again.Stderr}");
            Assert.Contains($"replaced the earlier in-server microphone '{mic}'", again.Stderr, StringComparison.Ordinal);
            Assert.Contains($"plugin=\"{spaced}\"", LiveAudioEnvironment.Pactl("list", "short", "modules"), StringComparison.Ordinal);

            var second = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", mic, "--name", user, "--plugin", plugin);
            Assert.True(second.Code == 0, $"a mic recording from a mic: exit {second.Code}: {second.Stderr}");
            var breaking = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--in-server", "--input", $"{feed}.monitor", "--name", mic, "--plugin", plugin);
            Assert.True(breaking.Code == 2, $"exit {breaking.Code}: {breaking.Stderr}");
            Assert.Contains($"the microphone '{user}' records from it", breaking.Stderr, StringComparison.Ordinal);
            Assert.True(LiveAudioEnvironment.SourceExists(mic) && LiveAudioEnvironment.SourceExists(user), "the refused replacement touched a mic");

            foreach (string name in new[] { user, mic })
            {
                var remove = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", name);
                Assert.True(remove.Code == 0, remove.Stderr);
            }

            Assert.Equal(before, LiveAudioEnvironment.Pactl("list", "short", "modules"));
        }
        finally
        {
            _ = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", user);
            _ = ChildProcess.Run(TimeSpan.FromSeconds(30), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--remove", "--name", mic);
            _ = ChildProcess.Run(TimeSpan.FromSeconds(10), "pactl", "unload-module", feedModule);
            Directory.Delete(dir, recursive: true);
        }
    }
}
