using System.Globalization;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// Another program recording an in-server mic while samples/noisy_speech.wav plays into its input, and the check
/// that what it got is that speech denoised: shared by the tests of the mic as loaded and as brought back by a
/// server restart.
/// </summary>
internal static class InServerRecording
{
    /// <summary>±100 ms at 16 kHz: how far a chunk may have moved through dropouts.</summary>
    private const int SearchSamples16k = 1600;

    /// <summary>parecord from <paramref name="mic"/> (float32le mono 16 kHz) while paplay plays the noisy sample into sink <paramref name="feed"/>.</summary>
    public static void Record(string feed, string mic, string raw)
    {
        using var rec = ChildProcess.Start("parecord", "--latency-msec=20", "--raw", "--format=float32le", "--rate=16000", "--channels=1", $"--device={mic}", raw);
        RecorderStart.WaitUntilReceiving(raw, rec, mic); // the mic sends silence until then
        var play = ChildProcess.Run(TimeSpan.FromSeconds(30), "paplay", "--latency-msec=20", $"--device={feed}", LiveAudioEnvironment.Sample("noisy_speech.wav"));
        Assert.True(play.Code == 0, $"paplay failed: {play.Stderr}");
        Thread.Sleep(1500);
        rec.Signal(15);
        Assert.True(rec.WaitForExit(TimeSpan.FromSeconds(5)), "parecord did not stop");
    }

    /// <summary>
    /// The recording is the noisy file denoised: put back on the clean file's timeline chunk by chunk (the server
    /// may drop out under load), its median chunk SNR is above the input's and its speech-free windows are quieter.
    /// <paramref name="label"/> starts the diagnostic line the phase scripts quote.
    /// </summary>
    public static void AssertDenoised(string raw, string label)
    {
        float[] recording = SignalAnalysis.ReadRawFloat32(raw);
        float[] noisy = ReadMono16k("noisy_speech.wav");
        float[] clean = ReadMono16k("clean_speech.wav");
        Assert.True(recording.Length > noisy.Length, $"recording too short: {recording.Length / 16000.0:F2} s");
        var (lag, peak) = SignalAnalysis.Align(noisy, recording, 0, recording.Length - noisy.Length);
        Assert.True(peak > 0.2, $"the {label}'s recording does not match the played speech (correlation {peak:F3})");
        float[] processed = SignalAnalysis.RealignChunks(clean, recording, lag, 16000, SearchSamples16k);
        double snrNoisy = SignalAnalysis.MedianChunkSnrDb(clean, noisy, 16000, SearchSamples16k);
        double snrProcessed = SignalAnalysis.MedianChunkSnrDb(clean, processed, 16000, SearchSamples16k);
        double noisyFloor = SignalAnalysis.NoiseFloorDb(clean, noisy, 16000);
        double processedFloor = SignalAnalysis.NoiseFloorDb(clean, processed, 16000);
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"{label}: offset {lag / 16.0:F1} ms, correlation {peak:F3}; median chunk SNR {snrProcessed:F2} dB (input {snrNoisy:F2}); speech-free floor {processedFloor:F1} dB (input {noisyFloor:F1})"));
        Assert.True(snrProcessed > snrNoisy + 1, $"{label} SNR {snrProcessed:F2} dB is not 1 dB above the input's {snrNoisy:F2} dB");
        Assert.True(processedFloor < noisyFloor - 3, $"speech-free windows not attenuated: {processedFloor:F1} dB vs input {noisyFloor:F1} dB");
    }

    private static float[] ReadMono16k(string sample)
    {
        float[][] channels = WavReader.ReadAllChannels(LiveAudioEnvironment.Sample(sample), out int rate);
        Assert.Equal(16000, rate);
        return channels[0];
    }
}
