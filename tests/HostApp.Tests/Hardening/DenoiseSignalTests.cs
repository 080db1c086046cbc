using System.Diagnostics;
using System.Runtime.InteropServices;
using RtDenoise.Offline.Audio;
using Xunit;

namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>Shares one long generated input among the signal tests (writing it takes a moment).</summary>
public sealed class LongInputFixture : IDisposable
{
    public LongInputFixture()
    {
        // 20 minutes of noise at 16 kHz: long enough that `denoise` is still writing when the signal arrives.
        var rng = new Random(14);
        var samples = new float[16000 * 60 * 20];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(rng.NextDouble() - 0.5) * 0.2f;
        }

        WavWriter.WriteAll(Dir.File("long.wav"), [samples], 16000, SampleEncoding.Pcm16);
    }

    internal TempDir Dir { get; } = new();

    public string Input => Dir.File("long.wav");

    public void Dispose() => Dir.Dispose();
}

/// <summary>
/// SIGTERM, SIGHUP or SIGINT during `denoise` leaves no hidden temporary file, prints one line
/// and exits 128 + the signal number, as a shell reports a death by that signal.
/// </summary>
public sealed partial class DenoiseSignalTests(LongInputFixture input) : IClassFixture<LongInputFixture>
{
    [Theory]
    [InlineData(15, "SIGTERM", 143)]
    [InlineData(1, "SIGHUP", 129)]
    [InlineData(2, "SIGINT", 130)]
    public async Task A_signal_mid_run_cleans_up_and_exits_like_a_shell(int signal, string name, int exitCode)
    {
        using var dir = new TempDir();
        // Through env --default-signal (every signal back to its default disposition): a job started in the background
        // by a non-interactive shell inherits SIGINT ignored, one under nohup SIGHUP ignored, and .NET, like a shell,
        // keeps an inherited SIG_IGN; the child would then never see the signal this test sends (a runner's `cmd &`
        // or `nohup` made the test fail). Restoring the defaults tests our handler, whatever the runner did.
        var psi = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--default-signal", "dotnet", Path.Combine(AppContext.BaseDirectory, "rtdenoise.dll"), "denoise", input.Input, dir.File("out.wav"), "--quiet" })
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        CancellationToken ct = TestContext.Current.CancellationToken;
        Task<string> stderr = p.StandardError.ReadToEndAsync(ct);
        _ = p.StandardOutput.ReadToEndAsync(ct);
        var wait = Stopwatch.StartNew();
        while (!dir.Entries().Any(e => e.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            Assert.False(p.HasExited, "denoise ended before writing began: " + (p.HasExited ? await stderr : string.Empty));
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(120), "no temporary output appeared in 120 s");
            await Task.Delay(20, ct);
        }

        await Task.Delay(200, ct); // well into the run
        Assert.False(p.HasExited, "denoise finished before the signal; the input is too short for this machine");
        Assert.Equal(0, Kill(p.Id, signal));
        Assert.True(p.WaitForExit(60_000), "denoise did not stop within 60 s of the signal");
        Assert.Equal(exitCode, p.ExitCode);
        Assert.Empty(dir.Entries());
        string err = (await stderr).Trim();
        Assert.Contains($"stopped by {name}", err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n'));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
