using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RtDenoise.Engine;
using RtDenoise.Engine.Resampling;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// `rtdenoise live` and `virtual-mic` against a real (private) PulseAudio server. Run by
/// scripts/test-phases/30-live-audio.sh; skipped when PULSE_SERVER is unset.
/// </summary>
/// <remarks>
/// Latency is measured sample-exactly inside one recording: a stereo null sink "probe" whose left channel gets the
/// noisy file (through a mono remap sink) and whose right channel gets rtdenoise's output; rtdenoise reads the
/// left channel of the probe's monitor. Recording probe.monitor with parecord puts input and output side by side
/// on the server's clock, so the lag between the channels is the whole round trip through rtdenoise
/// (capture buffer + engine + algorithm + playback buffer):
/// <code>
///   paplay ─► probe_l (remap sink) ─┐                      ┌─► probe.monitor ─► parecord (L = input, R = output)
///                                   ├─► probe (stereo null)┤
///   rtdenoise ─► probe_r ───────────┘                      └─► probe_lsrc (remap source, left) ─► rtdenoise
/// </code>
/// </remarks>
[Trait("Category", "LiveAudio")]
[Collection(SoundServerCollection.Name)]
public sealed class LiveAudioEndToEndTests
{
    private const int Rate = 48000;
    /// <summary>±100 ms at 16 kHz: how far a chunk may have moved through dropouts (paplay's, or our underruns).</summary>
    private const int SearchSamples16k = 1600;

    /// <summary>The shipped quantized model: what `rtdenoise live` runs by default.</summary>
    private static readonly string ShippedModel = Path.Combine(LiveAudioEnvironment.RepoRoot, "models", "denoiser.rtm");

    private static readonly string[] ProcessorArgs = ["--model", ShippedModel];

    /// <summary>README's example chain: rumble filter, the shipped model, a peak limiter.</summary>
    private const string VirtualMicChain = "highpass:80,dnn,limiter:-1";

    /// <summary>
    /// The latency test runs without the default 20 ms output cushion: the issue's budget (algorithmic latency +
    /// 60 ms) is checked on the lowest-latency configuration (measured 59–69 ms; with a 10 ms cushion 69–79 ms,
    /// which touches the budget, and the default adds 10 ms more). Dropouts from the cushion-less race are tolerated here; the zero-xrun default is
    /// measured by scripts/live/measure-live.sh.
    /// </summary>
    private static readonly string[] LowestLatencyArgs = [.. ProcessorArgs, "--buffer-ms", "0"];

    [Fact]
    public void LiveDenoisesSpeechWithinTheLatencyBudgetAndReportsXruns()
    {
        LiveAudioEnvironment.RequireServer();
        string id = Guid.NewGuid().ToString("N")[..6];
        string dir = Directory.CreateTempSubdirectory("rtd-live-").FullName;
        var modules = new List<string>();
        try
        {
            string probe = $"probe_{id}";
            modules.Add(LiveAudioEnvironment.Pactl("load-module", "module-null-sink", $"sink_name={probe}", "format=float32le", $"rate={Rate}", "channels=2", "channel_map=front-left,front-right"));
            modules.Add(LiveAudioEnvironment.Pactl("load-module", "module-remap-sink", $"sink_name={probe}_l", $"master={probe}", "channels=1", "master_channel_map=front-left", "channel_map=mono", "remix=no"));
            modules.Add(LiveAudioEnvironment.Pactl("load-module", "module-remap-sink", $"sink_name={probe}_r", $"master={probe}", "channels=1", "master_channel_map=front-right", "channel_map=mono", "remix=no"));
            modules.Add(LiveAudioEnvironment.Pactl("load-module", "module-remap-source", $"source_name={probe}_lsrc", $"master={probe}.monitor", "channels=1", "master_channel_map=front-left", "channel_map=mono", "remix=no"));

            string raw = Path.Combine(dir, "probe.raw");
            using var live = ChildProcess.Start(
                LiveAudioEnvironment.Rtdenoise,
                ["live", "--input", $"pulse:DEVICE={probe}_lsrc", "--output", $"pulse:DEVICE={probe}_r", .. LowestLatencyArgs, "--rate", "48000", "--block-ms", "10", "--duration", "40", "--json"]);
            Thread.Sleep(3000); // Pa_Initialize ≈ 0.3 s; first input callback up to 1.7 s after start (ci-recipes.md)
            Assert.False(live.HasExited, $"live exited early: {live.Stderr}");
            using (var rec = ChildProcess.Start("parecord", "--latency-msec=20", "--raw", "--format=float32le", $"--rate={Rate}", "--channels=2", $"--device={probe}.monitor", raw))
            {
                Thread.Sleep(500);
                var play = ChildProcess.Run(TimeSpan.FromSeconds(20), "paplay", "--latency-msec=20", $"--device={probe}_l", LiveAudioEnvironment.Sample("noisy_speech.wav"));
                Assert.True(play.Code == 0, $"paplay failed: {play.Stderr}");
                Thread.Sleep(1500);
                rec.Signal(15);
                Assert.True(rec.WaitForExit(TimeSpan.FromSeconds(5)), "parecord did not stop");
            }

            // Ctrl-C (SIGINT) ends the run cleanly with statistics and the JSON line.
            live.Signal(2);
            Assert.True(live.WaitForExit(TimeSpan.FromSeconds(5)), "live did not stop within 5 s of SIGINT");
            Assert.True(live.ExitCode == 0, $"live exit {live.ExitCode}: {live.Stderr}");
            Assert.Contains("interrupted after", live.Stderr, StringComparison.Ordinal);
            using JsonDocument json = JsonDocument.Parse(live.Stdout.Trim());
            long xruns = json.RootElement.GetProperty("xruns").GetInt64();
            double hopP99 = json.RootElement.GetProperty("hop_us_p99").GetDouble();
            TestContext.Current.SendDiagnosticMessage($"live: {live.Stdout.Trim()} | {LastLines(live.Stderr, 2)}");
            Assert.True(xruns >= 0);
            Assert.True(hopP99 > 0, "hops were timed");

            float[] interleaved = SignalAnalysis.ReadRawFloat32(raw);
            float[] input = SignalAnalysis.Channel(interleaved, 2, 0);
            float[] output = SignalAnalysis.Channel(interleaved, 2, 1);
            Assert.True(input.Length > 7 * Rate, $"recording too short: {input.Length / (double)Rate:F2} s");

            // Round trip: the output channel is the input channel delayed by the whole path.
            double algorithmMs;
            using (var d = DenoiserFactory.Create("dnn", ShippedModel, Rate))
            {
                algorithmMs = d.LatencyMilliseconds;
            }

            var (wholeLag, peak) = SignalAnalysis.Align(input, output, 0, Rate / 2);
            int lag = SignalAnalysis.MedianChunkLag(input, output, Rate, 0, Rate / 4);
            double latencyMs = lag * 1000.0 / Rate;
            TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"measured round trip {latencyMs:F1} ms (median over 0.2 s chunks; whole-file lag {wholeLag * 1000.0 / Rate:F1} ms, correlation {peak:F3}); algorithmic {algorithmMs:F2} ms; budget {algorithmMs + 60:F1} ms"));
            Assert.True(peak > 0.2, $"output does not follow input (correlation {peak:F3})");
            Assert.True(latencyMs <= algorithmMs + 60, $"round trip {latencyMs:F1} ms exceeds algorithmic {algorithmMs:F1} + 60 ms");
            Assert.True(latencyMs >= algorithmMs, $"round trip {latencyMs:F1} ms is shorter than the algorithm's own {algorithmMs:F1} ms: alignment is wrong");

            JudgeDenoising(dir, input, output, lag);
        }
        finally
        {
            modules.Reverse();
            foreach (string m in modules)
            {
                _ = ChildProcess.Run(TimeSpan.FromSeconds(10), "pactl", "unload-module", m);
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The virtual mic runs the processor it is given: the shipped model alone, or a chain around it
    /// (`--chain` in `virtual-mic` takes the file mode's path, so the mic must carry denoised speech either way).
    /// </summary>
    [Theory]
    [InlineData("processor")]
    [InlineData("chain")]
    public void VirtualMicAppearsWhileRunningCarriesDenoisedSpeechAndIsRemovedOnExit(string processing)
    {
        LiveAudioEnvironment.RequireServer();
        string[] processingArgs = processing == "chain" ? ["--chain", VirtualMicChain, .. ProcessorArgs] : ProcessorArgs;
        string name = $"rtd_vm_{Guid.NewGuid().ToString("N")[..6]}";
        string dir = Directory.CreateTempSubdirectory("rtd-vm-").FullName;
        try
        {
            using var vm = ChildProcess.Start(
                LiveAudioEnvironment.Rtdenoise,
                ["virtual-mic", "--input", "pulse:DEVICE=noisy_in.monitor", "--name", name, .. processingArgs, "--duration", "40", "--json"]);
            Assert.True(WaitFor(() => LiveAudioEnvironment.SourceExists(name), TimeSpan.FromSeconds(20)), $"source {name} did not appear: {vm.Stderr}");
            Thread.Sleep(2500);
            string raw = Path.Combine(dir, "vm.raw");
            using (var rec = ChildProcess.Start("parecord", "--latency-msec=20", "--raw", "--format=float32le", "--rate=16000", "--channels=1", $"--device={name}", raw))
            {
                RecorderStart.WaitUntilReceiving(raw, rec, name);
                var play = ChildProcess.Run(TimeSpan.FromSeconds(20), "paplay", "--latency-msec=20", "--device=noisy_in", LiveAudioEnvironment.Sample("noisy_speech.wav"));
                Assert.True(play.Code == 0, $"paplay failed: {play.Stderr}");
                Thread.Sleep(2500);
                rec.Signal(15);
                Assert.True(rec.WaitForExit(TimeSpan.FromSeconds(5)), "parecord did not stop");
            }

            vm.Signal(2);
            Assert.True(vm.WaitForExit(TimeSpan.FromSeconds(5)), "virtual-mic did not stop within 5 s of SIGINT");
            Assert.True(vm.ExitCode == 0, $"virtual-mic exit {vm.ExitCode}: {vm.Stderr}");
            if (processing == "chain")
            {
                // The start line names what runs: the chain's stages, not the bare denoiser.
                Assert.Contains("→ highpass,dnn,limiter →", vm.Stderr, StringComparison.Ordinal);
            }

            Assert.False(LiveAudioEnvironment.SourceExists(name), "the virtual microphone is still there after exit");
            Assert.DoesNotContain($"sink_name={name}_sink", LiveAudioEnvironment.Pactl("list", "short", "modules"), StringComparison.Ordinal);

            // The recording of the virtual microphone is the noisy file, denoised: it aligns with it and its
            // speech-free windows are quieter than the input's.
            float[] recording = SignalAnalysis.ReadRawFloat32(raw);
            float[] noisy = ReadMono16k("noisy_speech.wav");
            float[] clean = ReadMono16k("clean_speech.wav");
            var (lag, peak) = SignalAnalysis.Align(noisy, recording, 0, recording.Length - noisy.Length);
            TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"virtual mic recording: offset {lag / 16.0:F1} ms, correlation with the noisy input {peak:F3}; {LastLines(vm.Stderr, 3)}"));
            Assert.True(peak > 0.2, $"virtual mic recording does not match the played speech (correlation {peak:F3})");
            float[] processed = SignalAnalysis.Segment(recording, lag, clean.Length);
            double noisyFloor = SignalAnalysis.NoiseFloorDb(clean, noisy, 16000);
            double processedFloor = SignalAnalysis.NoiseFloorDb(clean, processed, 16000);
            double snrNoisy = SignalAnalysis.MedianChunkSnrDb(clean, noisy, 16000, SearchSamples16k);
            double snrProcessed = SignalAnalysis.MedianChunkSnrDb(clean, processed, 16000, SearchSamples16k);

            // What the same processing gives in file mode (`rtdenoise denoise`, same arguments): the mic must carry
            // that, closer to it than the input is.
            string fileModePath = Path.Combine(dir, "file-mode.wav");
            var fileMode = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, ["denoise", LiveAudioEnvironment.Sample("noisy_speech.wav"), fileModePath, .. processingArgs, "--quiet"]);
            Assert.True(fileMode.Code == 0, $"rtdenoise denoise failed: {fileMode.Stderr}");
            float[] fileModeOutput = WavReader.ReadAllChannels(fileModePath, out _)[0];
            double agreementNoisy = SignalAnalysis.MedianChunkSnrDb(fileModeOutput, noisy, 16000, SearchSamples16k);
            double agreementProcessed = SignalAnalysis.MedianChunkSnrDb(fileModeOutput, processed, 16000, SearchSamples16k);
            TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"virtual mic ({processing}): median chunk SNR {snrProcessed:F2} dB (input {snrNoisy:F2} dB), speech-free floor {processedFloor:F1} dB (input {noisyFloor:F1} dB); against file mode's output {agreementProcessed:F2} dB (input {agreementNoisy:F2} dB)"));
            Assert.True(processedFloor < noisyFloor - 3, $"speech-free windows not attenuated: {processedFloor:F1} dB vs input {noisyFloor:F1} dB (re speech)");
            Assert.True(agreementProcessed > agreementNoisy + 2, $"virtual mic is {agreementProcessed:F2} dB from file mode's output, the input {agreementNoisy:F2} dB: it does not carry the same processing");
            if (processing == "processor")
            {
                // The bare denoiser raises the waveform SNR. A chain's IIR high-pass shifts the phase below ~200 Hz,
                // which costs waveform SNR against the clean file (file mode too: SI-SDR 7.93 dB → 4.87 dB on this
                // sample), so the chain is judged by the floor and by agreement with file mode instead.
                Assert.True(snrProcessed > snrNoisy, $"virtual mic SNR {snrProcessed:F2} dB is not above the input's {snrNoisy:F2} dB");
            }
        }
        finally
        {
            _ = ChildProcess.Run(TimeSpan.FromSeconds(20), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--cleanup", "--name", name);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void VirtualMicCleanupRemovesModulesLeftByACrashedRun()
    {
        LiveAudioEnvironment.RequireServer();
        string name = $"rtd_crash_{Guid.NewGuid().ToString("N")[..6]}";
        using (var vm = ChildProcess.Start(LiveAudioEnvironment.Rtdenoise, ["virtual-mic", "--input", "pulse:DEVICE=noisy_in.monitor", "--name", name, .. ProcessorArgs, "--duration", "30"]))
        {
            Assert.True(WaitFor(() => LiveAudioEnvironment.SourceExists(name), TimeSpan.FromSeconds(20)), $"source {name} did not appear: {vm.Stderr}");

            // The run's watchdog would remove them (VirtualMicWatchdogTests): killed first, as on a machine where it
            // could not start, so that what is left is --cleanup's to remove.
            IReadOnlyList<int> watchdogs = LiveAudioEnvironment.WatchdogsOf(vm.Id);
            Assert.Single(watchdogs);
            _ = ChildProcess.Run(TimeSpan.FromSeconds(5), "kill", "-9", watchdogs[0].ToString(CultureInfo.InvariantCulture));
            vm.Signal(9); // a crash: no chance to unload
            Assert.True(vm.WaitForExit(TimeSpan.FromSeconds(5)));
        }

        Assert.True(LiveAudioEnvironment.SourceExists(name), "SIGKILL should leave the modules behind");
        var cleanup = ChildProcess.Run(TimeSpan.FromSeconds(20), LiveAudioEnvironment.Rtdenoise, "virtual-mic", "--cleanup", "--name", name);
        Assert.True(cleanup.Code == 0, cleanup.Stderr);
        Assert.Contains("removed 2 stale module(s)", cleanup.Stderr, StringComparison.Ordinal);
        Assert.False(LiveAudioEnvironment.SourceExists(name));
    }

    [Fact]
    public void LosingTheOutputDeviceEndsTheRunWithin2SecondsWithAnError()
    {
        LiveAudioEnvironment.RequireServer();
        string sink = $"vanishing_{Guid.NewGuid().ToString("N")[..6]}";
        string module = LiveAudioEnvironment.Pactl("load-module", "module-null-sink", $"sink_name={sink}", "format=float32le", "rate=48000", "channels=1");
        bool unloaded = false;
        try
        {
            using var live = ChildProcess.Start(LiveAudioEnvironment.Rtdenoise, ["live", "--input", "pulse:DEVICE=noisy_in.monitor", "--output", $"pulse:DEVICE={sink}", .. ProcessorArgs, "--duration", "30", "--json"]);
            Thread.Sleep(4000);
            Assert.False(live.HasExited, $"live exited early: {live.Stderr}");
            LiveAudioEnvironment.Pactl("unload-module", module);
            unloaded = true;
            var clock = Stopwatch.StartNew();
            bool exited = live.WaitForExit(TimeSpan.FromSeconds(10));
            double seconds = clock.Elapsed.TotalSeconds;
            TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"device removed → exit after {seconds:F2} s, code {(exited ? live.ExitCode : -1)}: {LastLines(live.Stderr, 2)}"));
            Assert.True(exited, "live hung after its output device disappeared");
            Assert.True(seconds <= 2.0, $"run ended {seconds:F2} s after the device disappeared (limit 2 s)");
            Assert.NotEqual(0, live.ExitCode);
            Assert.Contains("error:", live.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (!unloaded)
            {
                _ = ChildProcess.Run(TimeSpan.FromSeconds(10), "pactl", "unload-module", module);
            }
        }
    }

    /// <summary>
    /// The output channel is the denoised speech. Both channels are first put back on the clean file's timeline
    /// chunk by chunk (<see cref="SignalAnalysis.RealignChunks"/>: dropouts shift the audio), then, against the
    /// clean reference: STOI of the live output is within 0.05 of what the same processor reaches in file mode
    /// (`rtdenoise denoise`), and above the noisy input's (the shipped DNN gains STOI in file mode; asserted
    /// too); the median chunk SNR is above the input's; speech-free
    /// windows are at least 3 dB quieter relative to speech.
    /// </summary>
    private static void JudgeDenoising(string dir, float[] input48, float[] output48, int roundTripLag)
    {
        float[] clean = ReadMono16k("clean_speech.wav");
        float[] noisyFile = ReadMono16k("noisy_speech.wav");
        float[] input16 = To16k(input48);
        float[] output16 = To16k(output48);
        var (start, peak) = SignalAnalysis.Align(noisyFile, input16, 0, input16.Length - noisyFile.Length);

        // Coarse placement only (paplay itself drops out under load, ci-recipes.md); the verdicts below re-align per chunk.
        Assert.True(peak > 0.2, $"the recorded input does not match the played file (correlation {peak:F3})");
        int outStart = start + (int)Math.Round(roundTripLag / 3.0);
        float[] noisy = SignalAnalysis.RealignChunks(clean, input16, start, 16000, SearchSamples16k);
        float[] processed = SignalAnalysis.RealignChunks(clean, output16, outStart, 16000, SearchSamples16k);

        string cleanPath = Path.Combine(dir, "clean.wav"), noisyPath = Path.Combine(dir, "noisy.wav");
        string processedPath = Path.Combine(dir, "processed.wav"), offlinePath = Path.Combine(dir, "offline.wav");
        WavWriter.WriteAll(cleanPath, [clean], 16000);
        WavWriter.WriteAll(noisyPath, [noisy], 16000);
        WavWriter.WriteAll(processedPath, [processed], 16000);
        var offline = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, ["denoise", LiveAudioEnvironment.Sample("noisy_speech.wav"), offlinePath, .. ProcessorArgs, "--quiet"]);
        Assert.True(offline.Code == 0, $"rtdenoise denoise failed: {offline.Stderr}");

        double stoiNoisy = Stoi(cleanPath, noisyPath);
        double stoiProcessed = Stoi(cleanPath, processedPath);
        double stoiOffline = Stoi(cleanPath, offlinePath);
        double snrNoisy = SignalAnalysis.MedianChunkSnrDb(clean, noisy, 16000, SearchSamples16k);
        double snrProcessed = SignalAnalysis.MedianChunkSnrDb(clean, processed, 16000, SearchSamples16k);
        double noisyFloor = SignalAnalysis.NoiseFloorDb(clean, noisy, 16000);
        double processedFloor = SignalAnalysis.NoiseFloorDb(clean, processed, 16000);
        TestContext.Current.SendDiagnosticMessage(string.Create(
            CultureInfo.InvariantCulture,
            $"vs clean (chunk-realigned ±100 ms): STOI input {stoiNoisy:F4}, live {stoiProcessed:F4}, file mode {stoiOffline:F4}; median chunk SNR input {snrNoisy:F2} dB, live {snrProcessed:F2} dB; speech-free floor input {noisyFloor:F1} dB, live {processedFloor:F1} dB"));
        Assert.True(stoiProcessed >= stoiOffline - 0.05, $"live STOI {stoiProcessed:F4} is far below file mode's {stoiOffline:F4}");
        Assert.True(stoiOffline > stoiNoisy, $"file mode STOI {stoiOffline:F4} is not above the noisy input's {stoiNoisy:F4}: the shipped model does not denoise");
        Assert.True(stoiProcessed > stoiNoisy, $"live STOI {stoiProcessed:F4} is not above the noisy input's {stoiNoisy:F4} (file mode reaches {stoiOffline:F4})");

        Assert.True(snrProcessed > snrNoisy, $"live median chunk SNR {snrProcessed:F2} dB is not above the noisy input's {snrNoisy:F2} dB");
        Assert.True(processedFloor < noisyFloor - 3, $"speech-free windows not attenuated: {processedFloor:F1} dB vs {noisyFloor:F1} dB");
    }

    /// <summary>STOI from `rtdenoise metrics CLEAN PROCESSED --json`.</summary>
    private static double Stoi(string clean, string processed)
    {
        var (code, stdout, stderr) = ChildProcess.Run(TimeSpan.FromSeconds(60), LiveAudioEnvironment.Rtdenoise, "metrics", clean, processed, "--json");
        Assert.True(code == 0, $"rtdenoise metrics failed: {stderr}");
        using var json = JsonDocument.Parse(stdout.Trim());
        return json.RootElement.GetProperty("stoi").GetDouble();
    }

    private static float[] ReadMono16k(string sample)
    {
        float[][] channels = WavReader.ReadAllChannels(LiveAudioEnvironment.Sample(sample), out int rate);
        Assert.Equal(16000, rate);
        return channels[0];
    }

    private static float[] To16k(float[] x48)
    {
        var r = new PolyphaseResampler(Rate, 16000);
        var y = new float[r.MaxOutputFor(x48.Length)];
        int n = r.Process(x48, y);
        int delay = (int)Math.Round(r.DelayOutputSamples);
        return y.AsSpan(Math.Min(delay, n), Math.Max(0, n - delay)).ToArray();
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

    private static string LastLines(string text, int n) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(n));
}
