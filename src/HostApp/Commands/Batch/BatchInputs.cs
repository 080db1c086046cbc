using RtDenoise.HostApp.Cli;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// Expands the inputs of `denoise IN... --out-dir DIR` into a sorted, de-duplicated list of WAV files with their
/// output paths: a file keeps its name; a folder gives its *.wav files (and those of its subfolders with
/// <c>recursive</c>) at their path relative to it; a quoted glob gives its matches relative to its base folder.
/// Sorting is ordinal on the relative path (then the input path), the same on every machine, which makes
/// <see cref="ShardSpec"/> deterministic.
/// </summary>
public static class BatchInputs
{
    public static IReadOnlyList<BatchItem> Expand(IReadOnlyList<string> inputs, bool recursive)
    {
        var items = new List<BatchItem>();
        foreach (string input in inputs)
        {
            if (File.Exists(input))
            {
                items.Add(new BatchItem(input, Path.GetFileName(input)));
            }
            else if (Directory.Exists(input))
            {
                AddFolder(items, input, recursive);
            }
            else if (GlobPattern.IsGlob(input))
            {
                AddGlob(items, input);
            }
            else
            {
                throw new UserInputException($"input '{input}' is neither a file, a folder nor a glob that matches anything.");
            }
        }

        var unique = items
            .GroupBy(i => Path.GetFullPath(i.InputPath), StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(i => i.RelativePath, StringComparer.Ordinal)
            .ThenBy(i => i.InputPath, StringComparer.Ordinal)
            .ToList();
        for (int i = 1; i < unique.Count; i++)
        {
            if (unique[i].RelativePath == unique[i - 1].RelativePath)
            {
                throw new UserInputException(
                    $"'{unique[i - 1].InputPath}' and '{unique[i].InputPath}' would both be written to '{unique[i].RelativePath}' in --out-dir; give their folder instead of the files.");
            }
        }

        return unique;
    }

    private static void AddFolder(List<BatchItem> items, string folder, bool recursive)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            MatchCasing = MatchCasing.CaseInsensitive,
            IgnoreInaccessible = false,
        };
        foreach (string file in Directory.EnumerateFiles(folder, "*.wav", options))
        {
            items.Add(new BatchItem(file, Relative(folder, file)));
        }
    }

    private static void AddGlob(List<BatchItem> items, string pattern)
    {
        GlobPattern glob = GlobPattern.Parse(pattern);
        if (!Directory.Exists(glob.BaseDirectory))
        {
            throw new UserInputException($"input '{pattern}': folder '{glob.BaseDirectory}' does not exist.");
        }

        int before = items.Count;
        var options = new EnumerationOptions { RecurseSubdirectories = glob.Recursive, IgnoreInaccessible = false };
        foreach (string file in Directory.EnumerateFiles(glob.BaseDirectory, "*", options))
        {
            string relative = Relative(glob.BaseDirectory, file);
            if (glob.IsMatch(relative))
            {
                items.Add(new BatchItem(file, relative));
            }
        }

        if (items.Count == before)
        {
            throw new UserInputException($"input '{pattern}' matches no file.");
        }
    }

    private static string Relative(string folder, string file) =>
        Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
}
