using RtDenoise.Engine.Ladspa;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// Finds rtdenoise_ladspa.so for the in-server microphone. The sound server loads it, not us, so the result is an
/// absolute path. Search order: beside an installed binary (scripts/install.sh puts PREFIX/lib/rtdenoise/rtdenoise
/// and PREFIX/lib/ladspa/rtdenoise_ladspa.so), the directories of LADSPA_PATH (default /usr/lib/ladspa:/usr/local/lib/ladspa),
/// ~/.ladspa and ~/.local/lib/ladspa, then artifacts/ladspa of the repository this binary was built in or the
/// working directory is in (scripts/build-ladspa.sh).
/// </summary>
internal static class PluginLocator
{
    public const string FileName = "rtdenoise_ladspa.so";

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
        string exeDir = AppContext.BaseDirectory;
        yield return Path.GetFullPath(Path.Combine(exeDir, "..", "ladspa", FileName));
        foreach (string dir in LadspaSearchPath.Directories())
        {
            yield return Path.GetFullPath(Path.Combine(dir, FileName));
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            yield return Path.Combine(home, ".ladspa", FileName);
            yield return Path.Combine(home, ".local", "lib", "ladspa", FileName);
        }

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
