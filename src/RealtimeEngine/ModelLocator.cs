namespace RtDenoise.Engine;

/// <summary>Finds the shipped default model: next to the executable (models/), then in the repository's models/.</summary>
public static class ModelLocator
{
    /// <summary>Preferred file names, best first: the quantized default, then the float reference.</summary>
    public static readonly string[] DefaultFileNames = ["denoiser.rtm", "denoiser-fp32.rtm"];

    public static IEnumerable<string> DefaultCandidates()
    {
        foreach (string dir in SearchDirectories())
        {
            foreach (string name in DefaultFileNames)
            {
                yield return Path.Combine(dir, name);
            }
        }
    }

    public static string? FindDefault() => DefaultCandidates().FirstOrDefault(File.Exists);

    private static IEnumerable<string> SearchDirectories()
    {
        string baseDir = AppContext.BaseDirectory;
        yield return Path.Combine(baseDir, "models");
        for (DirectoryInfo? d = new(baseDir); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Realtime.sln")))
            {
                yield return Path.Combine(d.FullName, "models");
                yield break;
            }
        }
    }
}
