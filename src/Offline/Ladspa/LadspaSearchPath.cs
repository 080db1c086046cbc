namespace RtDenoise.Offline.Ladspa;

/// <summary>
/// Where LADSPA libraries live: the colon-separated <c>LADSPA_PATH</c> (the convention of ladspa-sdk's
/// <c>listplugins</c>/<c>applyplugin</c>, sox and PulseAudio), else <c>/usr/lib/ladspa:/usr/local/lib/ladspa</c>.
/// </summary>
public static class LadspaSearchPath
{
    public const string DefaultPath = "/usr/lib/ladspa:/usr/local/lib/ladspa";

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

        IReadOnlyList<string> dirs = Directories();
        foreach (string dir in dirs)
        {
            string candidate = Path.Combine(dir, pathOrFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new LadspaLoadException($"LADSPA library '{pathOrFileName}' is in none of {string.Join(":", dirs)} (set LADSPA_PATH or give a path).");
    }
}
