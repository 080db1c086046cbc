using System.Diagnostics;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// Runs `pactl` (PulseAudio's client, also served by PipeWire's pipewire-pulse) with a time bound: a server that
/// stops answering must not hang the command.
/// </summary>
internal static class Pactl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs pactl; throws <see cref="VirtualMicException"/> when it cannot start or does not answer.</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
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
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                throw new VirtualMicException($"pactl {string.Join(' ', args)} did not answer within {Timeout.TotalSeconds:F0} s.");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Runs pactl and returns its standard output; a non-zero exit becomes <see cref="VirtualMicException"/>.</summary>
    public static string Query(params string[] args)
    {
        var (code, output, err) = Run(args);
        if (code != 0)
        {
            throw new VirtualMicException($"pactl {string.Join(' ', args)} failed: {FirstLine(err)}");
        }

        return output;
    }

    /// <summary>Throws <see cref="VirtualMicException"/> naming what is missing: pactl, or a server answering it.</summary>
    public static void CheckServer()
    {
        var (code, _, err) = Run("info");
        if (code != 0)
        {
            throw new VirtualMicException($"no PulseAudio/PipeWire server answers `pactl info` ({FirstLine(err)}); start one (pulseaudio --start, or pipewire-pulse) or set PULSE_SERVER.");
        }
    }

    /// <summary>Loads a module; returns its id.</summary>
    public static string LoadModule(params string[] args)
    {
        var (code, output, err) = Run(["load-module", .. args]);
        if (code != 0)
        {
            throw new VirtualMicException($"pactl load-module {string.Join(' ', args)} failed: {FirstLine(err)} (the server's log says why)");
        }

        return output.Trim();
    }

    /// <summary>Unloads a module; a failure is logged, not thrown (cleanup continues with the next module).</summary>
    public static bool UnloadModule(string moduleId)
    {
        var (code, _, err) = Run("unload-module", moduleId);
        if (code != 0)
        {
            Serilog.Log.Warning("pactl unload-module {Id} failed: {Error}", moduleId, FirstLine(err));
        }

        return code == 0;
    }

    /// <summary>The modules loaded now (`pactl list short modules`).</summary>
    public static IReadOnlyList<ServerModule> Modules() => ServerModule.ParseShortList(Query("list", "short", "modules"));

    /// <summary>The names in `pactl list short sinks` or `sources` (second column).</summary>
    public static IReadOnlyList<string> Names(string kind) =>
        Query("list", "short", kind).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length > 1)
            .Select(f => f[1])
            .ToList();

    public static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length == 0 ? "no message" : line;
    }
}
