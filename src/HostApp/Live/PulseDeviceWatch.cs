using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// Notices when a PulseAudio/PipeWire device used through an ALSA string (<c>pulse:DEVICE=name</c>) disappears.
/// Needed because the ALSA pulse plugin hides it: after `pactl unload-module` of the output sink, PortAudio kept
/// calling our callbacks at the normal rate for ~14 s before its ALSA thread failed (measured here), so callback
/// progress alone cannot see it. `pactl subscribe` reports "Event 'remove' on sink #N" at once; its exit means the
/// server connection is gone. Runs entirely off the audio path (a child process and its output reader).
/// </summary>
public sealed partial class PulseDeviceWatch : IDisposable
{
    private readonly Process _subscribe;
    private readonly Dictionary<(string Kind, int Index), string> _watched;
    private readonly Action<string> _onFault;
    private volatile bool _disposed;

    private PulseDeviceWatch(Process subscribe, Dictionary<(string Kind, int Index), string> watched, Action<string> onFault)
    {
        _subscribe = subscribe;
        _watched = watched;
        _onFault = onFault;
        _subscribe.OutputDataReceived += (_, e) => OnLine(e.Data);
        _subscribe.EnableRaisingEvents = true;
        _subscribe.Exited += (_, _) =>
        {
            if (!_disposed)
            {
                _onFault("the sound server connection was lost (pactl subscribe ended)");
            }
        };
        _subscribe.BeginOutputReadLine();
    }

    /// <summary>The PulseAudio device named by an ALSA string such as <c>pulse:DEVICE=noisy_in.monitor</c>, else null.</summary>
    public static string? PulseDeviceName(string? alsaString)
    {
        if (alsaString is null)
        {
            return null;
        }

        Match m = PulseDeviceString().Match(alsaString);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>
    /// Starts watching the given sink/source names; null when there is nothing to watch or pactl is unavailable
    /// (then only PortAudio's own error reporting and the callback watchdog apply).
    /// </summary>
    public static PulseDeviceWatch? TryStart(string? sourceName, string? sinkName, Action<string> onFault)
    {
        if (sourceName is null && sinkName is null)
        {
            return null;
        }

        var watched = new Dictionary<(string, int), string>();
        try
        {
            AddIndex(watched, "source", sourceName);
            AddIndex(watched, "sink", sinkName);
            var psi = new ProcessStartInfo("pactl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("subscribe");
            var process = Process.Start(psi);
            if (process is null)
            {
                return null;
            }

            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return new PulseDeviceWatch(process, watched, onFault);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no pactl: nothing to watch with
        }
    }

    public void Dispose()
    {
        _disposed = true;
        try
        {
            if (!_subscribe.HasExited)
            {
                _subscribe.Kill();
                _subscribe.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _subscribe.Dispose();
    }

    private static void AddIndex(Dictionary<(string, int), string> watched, string kind, string? name)
    {
        if (name is null)
        {
            return;
        }

        var psi = new ProcessStartInfo("pactl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("list");
        psi.ArgumentList.Add("short");
        psi.ArgumentList.Add(kind + "s");
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(5000);
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split('\t');
            if (f.Length > 1 && f[1] == name && int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                watched[(kind, index)] = name;
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null || _disposed)
        {
            return;
        }

        Match m = RemoveEvent().Match(line);
        if (m.Success && _watched.TryGetValue((m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)), out string? name))
        {
            _onFault($"{m.Groups[1].Value} '{name}' was removed from the sound server");
        }
    }

    [GeneratedRegex("^pulse:DEVICE=(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PulseDeviceString();

    [GeneratedRegex(@"^Event 'remove' on (sink|source) #(\d+)")]
    private static partial Regex RemoveEvent();
}
