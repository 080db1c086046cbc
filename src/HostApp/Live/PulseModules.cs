using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The virtual microphone's two server modules, driven through `pactl` (the same commands work on PulseAudio and
/// on PipeWire's pulse server):
/// <code>
///   rtdenoise ──PortAudio──► null sink NAME_sink ──► NAME_sink.monitor ──module-remap-source──► source NAME
///                                                                         (what other programs record from)
/// </code>
/// Modules are recognised by their exact sink_name / source_name arguments, so stale ones from a crashed run are
/// found and removed on the next start.
/// </summary>
public sealed partial class PulseModules
{
    private static readonly TimeSpan PactlTimeout = TimeSpan.FromSeconds(10);

    public PulseModules(string name, int sampleRate)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new Cli.UserInputException($"--name '{name}': use letters, digits, '_', '-' or '.' (it becomes a PulseAudio source name).");
        }

        SourceName = name;
        SinkName = name + "_sink";
        SampleRate = sampleRate;
    }

    public string SourceName { get; }

    public string SinkName { get; }

    public int SampleRate { get; }

    /// <summary>The ALSA device string PortAudio opens to play into the sink.</summary>
    public string SinkDeviceString => $"pulse:DEVICE={SinkName}";

    /// <summary>Throws <see cref="VirtualMicException"/> naming what is missing: pactl, or a server answering it.</summary>
    public static void CheckServer()
    {
        var (code, _, err) = Pactl("info");
        if (code != 0)
        {
            throw new VirtualMicException($"no PulseAudio/PipeWire server answers `pactl info` ({FirstLine(err)}); start one (pulseaudio --start, or pipewire-pulse) or set PULSE_SERVER.");
        }
    }

    /// <summary>Unloads modules left behind by an earlier run with the same name; returns how many.</summary>
    public int RemoveStale()
    {
        var (code, output, err) = Pactl("list", "short", "modules");
        if (code != 0)
        {
            throw new VirtualMicException($"pactl list short modules failed: {FirstLine(err)}");
        }

        // Lines: "<id>\t<module name>\t<arguments>\t<users>"; unload remap sources before the sinks they read.
        var ours = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length >= 3 && IsOurs(f[1], f[2]))
            .OrderBy(f => f[1] == "module-remap-source" ? 0 : 1)
            .Select(f => f[0])
            .ToList();
        foreach (string id in ours)
        {
            Unload(id);
        }

        return ours.Count;
    }

    /// <summary>Loads the null sink and the remapped source; returns their module ids (source first, for unloading).</summary>
    public IReadOnlyList<string> Load()
    {
        string sink = LoadModule(
            "module-null-sink",
            $"sink_name={SinkName}",
            "format=float32le",
            $"rate={SampleRate}",
            "channels=1",
            $"sink_properties=device.description={SinkName}");
        try
        {
            string source = LoadModule(
                "module-remap-source",
                $"master={SinkName}.monitor",
                $"source_name={SourceName}",
                "channels=1",
                "channel_map=mono",
                $"source_properties=device.description={SourceName}");
            return [source, sink];
        }
        catch
        {
            Unload(sink);
            throw;
        }
    }

    public static void Unload(string moduleId)
    {
        var (code, _, err) = Pactl("unload-module", moduleId);
        if (code != 0)
        {
            Serilog.Log.Warning("pactl unload-module {Id} failed: {Error}", moduleId, FirstLine(err));
        }
    }

    private static string LoadModule(params string[] args)
    {
        var (code, output, err) = Pactl(["load-module", .. args]);
        if (code != 0)
        {
            throw new VirtualMicException($"pactl load-module {string.Join(' ', args)} failed: {FirstLine(err)}");
        }

        return output.Trim();
    }

    private bool IsOurs(string module, string arguments)
    {
        var args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return module switch
        {
            "module-null-sink" => args.Contains($"sink_name={SinkName}"),
            "module-remap-source" => args.Contains($"source_name={SourceName}"),
            _ => false,
        };
    }

    private static (int Code, string Output, string Error) Pactl(params string[] args)
    {
        var psi = new ProcessStartInfo("pactl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new VirtualMicException("could not start pactl.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new VirtualMicException("pactl was not found on PATH: install pulseaudio-utils (PulseAudio) or pipewire-pulse / pulseaudio-utils (PipeWire).");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(PactlTimeout))
            {
                process.Kill();
                throw new VirtualMicException($"pactl {string.Join(' ', args)} did not answer within {PactlTimeout.TotalSeconds:F0} s.");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    private static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length == 0 ? "no message" : line;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ValidName();
}
