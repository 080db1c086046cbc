namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// Where the live tests find their server and binaries. They need a PulseAudio (or PipeWire) server named by
/// PULSE_SERVER, started by scripts/test-phases/30-live-audio.sh (scripts/live/private-pulse.sh); without it
/// they skip.
/// </summary>
internal static class LiveAudioEnvironment
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The built command (apphost) the phase script uses: src/HostApp/bin/Release/net10.0/rtdenoise.</summary>
    public static string Rtdenoise => Path.Combine(RepoRoot, "src", "HostApp", "bin", "Release", "net10.0", "rtdenoise");

    public static string Sample(string name) => Path.Combine(RepoRoot, "samples", name);

    public static void RequireServer()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PULSE_SERVER")))
        {
            Assert.Skip("PULSE_SERVER is unset: live audio tests run in scripts/test-phases/30-live-audio.sh with a private PulseAudio");
        }

        if (!File.Exists(Rtdenoise))
        {
            Assert.Skip($"{Rtdenoise} is not built (dotnet build src/HostApp -c Release)");
        }
    }

    /// <summary>The built LADSPA plugin (RTDENOISE_LADSPA_SO, else artifacts/ladspa); skips the test when it is not there.</summary>
    public static string RequirePlugin()
    {
        string plugin = Environment.GetEnvironmentVariable("RTDENOISE_LADSPA_SO") is { Length: > 0 } so ? so : Path.Combine(RepoRoot, "artifacts", "ladspa", "rtdenoise_ladspa.so");
        if (!File.Exists(plugin))
        {
            Assert.Skip($"{plugin} is not built (scripts/build-ladspa.sh)");
        }

        return plugin;
    }

    public static string Pactl(params string[] args)
    {
        var (code, stdout, stderr) = ChildProcess.Run(TimeSpan.FromSeconds(10), "pactl", args);
        Assert.True(code == 0, $"pactl {string.Join(' ', args)} failed ({code}): {stderr}");
        return stdout.Trim();
    }

    public static bool SourceExists(string name) =>
        Pactl("list", "short", "sources").Split('\n').Any(l => l.Split('\t') is { Length: > 1 } f && f[1] == name);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Realtime.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Realtime.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The pids of the watchdog shells beside virtual-mic run <paramref name="owner"/>: their command line is
    /// <c>sh -c SCRIPT rtdenoise-watchdog OWNER ...</c> (Live/BackgroundCleanup.cs).</summary>
    public static IReadOnlyList<int> WatchdogsOf(int owner) => Directory.EnumerateDirectories("/proc")
        .Where(d => int.TryParse(Path.GetFileName(d), out _))
        .Where(d => ReadOrEmpty(Path.Combine(d, "cmdline")).Contains($"\0rtdenoise-watchdog\0{owner}\0", StringComparison.Ordinal))
        .Select(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
        .ToList();

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty; // the process ended meanwhile
        }
    }
}
