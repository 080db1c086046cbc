using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Commands.Plugins;

/// <summary>
/// Describes LADSPA libraries without loading them here: a library's constructor or its <c>ladspa_descriptor</c> is
/// foreign native code that can crash or never return, and in-process that would end the whole listing. One probe
/// process (<see cref="LadspaProbeCommand"/>) loads them in turn and reports each; when it dies of a signal or stops
/// answering, the library it was loading is reported as the culprit and a new probe takes the rest.
/// </summary>
internal static class IsolatedLadspaScan
{
    /// <summary>How long one library may take to load and describe itself before the probe is abandoned.</summary>
    public static readonly TimeSpan PerLibrary = TimeSpan.FromSeconds(10);

    /// <summary>A library not listed: <paramref name="Why"/> completes "'LIBRARY' …"; <paramref name="TookProbeDown"/>
    /// when it crashed or hung the probe (not an ordinary load error such as a missing export).</summary>
    public sealed record Skip(string Library, string Why, bool TookProbeDown)
    {
        public override string ToString() => TookProbeDown ? $"'{Library}' {Why}" : Why;
    }

    public sealed record Result(List<LadspaPluginInfo> Plugins, List<Skip> Skipped);

    public static Result Scan(IReadOnlyList<string> libraries)
    {
        var result = new Result([], []);
        int next = 0;
        while (next < libraries.Count)
        {
            next = RunProbe(libraries, next, result);
        }

        return result;
    }

    /// <summary>Runs one probe over libraries[first..]; returns the index of the first library it did not cover.</summary>
    private static int RunProbe(IReadOnlyList<string> libraries, int first, Result result)
    {
        using Process probe = Process.Start(SelfProcess.StartInfo([LadspaProbeCommand.Name, .. libraries.Skip(first)]))!;
        // stdin stays open while we read: when this process ends, the pipe closes and the probe ends too, even if a
        // plugin holds its main thread (LadspaProbeCommand watches it).
        Task<string> stderr = probe.StandardError.ReadToEndAsync();
        int loading = -1, done = 0;
        while (true)
        {
            Task<string?> line = probe.StandardOutput.ReadLineAsync();
            if (!line.Wait(PerLibrary))
            {
                Kill(probe);
                result.Skipped.Add(new Skip(libraries[first + Math.Max(loading, 0)], $"did not finish loading in {PerLibrary.TotalSeconds:0} s (its probe was stopped)", true));
                return first + Math.Max(loading, 0) + 1;
            }

            if (line.Result is not string text)
            {
                break; // the probe ended
            }

            string[] f = text.Split('\t', 3);
            int i = f.Length >= 2 && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1;
            switch (f[0])
            {
                case "loading":
                    loading = i;
                    break;
                case "ok" when f.Length == 3:
                    result.Plugins.AddRange(JsonSerializer.Deserialize(f[2], LadspaProbeJson.Default.ListLadspaPluginInfo) ?? []);
                    done = i + 1;
                    break;
                case "skip" when f.Length == 3:
                    result.Skipped.Add(new Skip(libraries[first + i], f[2], false));
                    done = i + 1;
                    break;
            }
        }

        probe.StandardInput.Close();
        probe.WaitForExit();
        if (first + done >= libraries.Count)
        {
            return libraries.Count;
        }

        if (loading < done)
        {
            // It ended between libraries, so no library is to blame: the probe itself could not run.
            throw new IOException($"the LADSPA probe process ({LadspaProbeCommand.Name}) ended early: {HowItEnded(probe.ExitCode, stderr)}.");
        }

        // It ended before reporting on the library it was loading: that library took it down.
        int culprit = first + loading;
        result.Skipped.Add(new Skip(libraries[culprit], $"crashed the process that loaded it ({HowItEnded(probe.ExitCode, stderr)})", true));
        return culprit + 1;
    }

    private static string HowItEnded(int exitCode, Task<string> stderr)
    {
        string tail = stderr.Wait(TimeSpan.FromSeconds(1)) ? stderr.Result.Trim().Split('\n')[^1].Trim() : string.Empty;
        string how = exitCode > 128 ? $"signal {exitCode - 128}{SignalName(exitCode - 128)}" : $"exit code {exitCode}";
        return tail.Length > 0 ? $"{how}: {tail}" : how;
    }

    private static string SignalName(int signal) => signal switch
    {
        4 => " (SIGILL)",
        6 => " (SIGABRT)",
        7 => " (SIGBUS)",
        8 => " (SIGFPE)",
        11 => " (SIGSEGV)",
        _ => string.Empty,
    };

    private static void Kill(Process p)
    {
        try
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
            // it ended by itself meanwhile
        }
    }
}
