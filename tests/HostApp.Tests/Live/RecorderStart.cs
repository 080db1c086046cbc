using Xunit;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// Waits until a `parecord --raw` child is connected and receiving before anything is played: under load parecord
/// can connect hundreds of milliseconds late, and a recorder that misses the head of the speech leaves the alignment
/// with nothing to match (a virtual-mic test once failed with correlation 0.03 that way).
/// </summary>
internal static class RecorderStart
{
    /// <summary>Blocks until <paramref name="raw"/> holds more than 0.25 s of 16 kHz float32 or 15 s pass; fails if it stays empty.</summary>
    public static void WaitUntilReceiving(string raw, ChildProcess recorder, string device)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(File.Exists(raw) && new FileInfo(raw).Length > 16000) && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            Thread.Sleep(50);
        }

        Assert.True(File.Exists(raw) && new FileInfo(raw).Length > 0, $"parecord recorded nothing from {device} within 15 s: {recorder.Stderr}");
    }
}
