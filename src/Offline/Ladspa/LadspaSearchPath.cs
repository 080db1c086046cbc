namespace RtDenoise.Offline.Ladspa;

/// <summary>
/// Where LADSPA libraries live. <see cref="Directories"/> reads the colon-separated <c>LADSPA_PATH</c> (the
/// convention of ladspa-sdk's <c>listplugins</c>/<c>applyplugin</c>, sox and PulseAudio), else
/// <c>/usr/lib/ladspa:/usr/local/lib/ladspa</c>. <see cref="SearchDirectories"/> is rtdenoise's one search path, used
/// by `plugins`, a chain's bare library name and the virtual microphone alike: the folder an installed rtdenoise keeps
/// its own plugin in (<c>PREFIX/lib/ladspa</c> beside <c>PREFIX/lib/rtdenoise/</c>), then those directories, then the
/// per-user <c>~/.ladspa</c> and <c>~/.local/lib/ladspa</c> — so a plugin <c>scripts/install.sh</c> just installed is
/// found without touching <c>LADSPA_PATH</c>.
/// </summary>
public static class LadspaSearchPath
{
    public const string DefaultPath = "/usr/lib/ladspa:/usr/local/lib/ladspa";

    /// <summary>rtdenoise's search path (see the type's summary), without repeats, in search order.</summary>
    public static IReadOnlyList<string> SearchDirectories()
    {
        var dirs = new List<string> { Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "ladspa")) };
        dirs.AddRange(Directories().Select(d => Path.GetFullPath(d)));
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            dirs.Add(Path.Combine(home, ".ladspa"));
            dirs.Add(Path.Combine(home, ".local", "lib", "ladspa"));
        }

        return [.. dirs.Distinct(StringComparer.Ordinal)];
    }

    public static IReadOnlyList<string> Directories(string? ladspaPath = null)
    {
        string value = ladspaPath ?? Environment.GetEnvironmentVariable("LADSPA_PATH") ?? string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            value = DefaultPath;
        }

        return [.. value.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>Every <c>*.so</c> in the search directories (sorted, first directory first).</summary>
    public static IEnumerable<string> Libraries(IReadOnlyList<string> directories)
    {
        foreach (string dir in directories)
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(dir, "*.so").Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>A path with a '/' is taken as given; a bare name is looked up in the search directories.</summary>
    /// <exception cref="LadspaLoadException">not found.</exception>
    public static string Resolve(string pathOrFileName)
    {
        if (pathOrFileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(pathOrFileName)
                ? Path.GetFullPath(pathOrFileName)
                : throw new LadspaLoadException($"LADSPA library '{pathOrFileName}' does not exist.");
        }

        IReadOnlyList<string> dirs = SearchDirectories();
        foreach (string dir in dirs)
        {
            string candidate = Path.Combine(dir, pathOrFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new LadspaLoadException($"LADSPA library '{pathOrFileName}' is in none of {string.Join(":", dirs)} (add its folder to LADSPA_PATH or give a path).");
    }
}
