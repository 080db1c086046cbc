using RtDenoise.Engine.Ladspa;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// Finds rtdenoise_ladspa.so for the in-server microphone. The sound server loads it, not us, so the result is an
/// absolute path. Search order: the one LADSPA search path of every command (<see cref="LadspaSearchPath.SearchDirectories"/>:
/// beside an installed binary, LADSPA_PATH or its default, ~/.ladspa, ~/.local/lib/ladspa), then artifacts/ladspa of
/// the repository this binary was built in or the working directory is in (scripts/build-ladspa.sh).
/// </summary>
internal static class PluginLocator
{
    public const string FileName = "rtdenoise_ladspa.so";

    /// <summary>The --plugin option of the commands that hand the plugin to the server; <paramref name="actions"/> says with which actions it applies.</summary>
    public static System.CommandLine.Option<string?> CreateOption(string actions) => new("--plugin")
    {
        Description = $"{actions}: path of {FileName} (default: the installed one, LADSPA_PATH, or artifacts/ladspa).",
    };

    public static string Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            string full = Path.GetFullPath(explicitPath);
            return File.Exists(full) ? full : throw new Cli.UserInputException($"--plugin '{full}' does not exist (build it with scripts/build-ladspa.sh).");
        }

        List<string> tried = Candidates().ToList();
        return tried.FirstOrDefault(File.Exists) ?? throw new Cli.UserInputException(
            $"the LADSPA plugin {FileName} was not found (looked in: {string.Join(", ", tried.Select(Path.GetDirectoryName).Distinct())}); " +
            "build it with scripts/build-ladspa.sh (→ artifacts/ladspa) or install it with scripts/install.sh, or pass --plugin PATH.");
    }

    private static IEnumerable<string> Candidates()
    {
        foreach (string dir in LadspaSearchPath.SearchDirectories())
        {
            yield return Path.Combine(dir, FileName);
        }

        string exeDir = AppContext.BaseDirectory;
        foreach (string start in new[] { exeDir, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Realtime.sln")))
                {
                    yield return Path.Combine(dir.FullName, "artifacts", "ladspa", FileName);
                    break;
                }
            }
        }
    }
}
