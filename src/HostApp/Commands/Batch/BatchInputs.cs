using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// Expands the inputs of `denoise IN... --out-dir DIR` into a sorted, de-duplicated list of WAV files with their
/// output paths: a file keeps its name; a folder gives its *.wav files (and those of its subfolders with
/// <c>recursive</c>) at their path relative to it; a quoted glob gives its matches relative to its base folder.
/// Sorting is ordinal on the relative path (then the input path), the same on every machine, which makes
/// <see cref="ShardSpec"/> deterministic. Folder walks skip the folder given as <c>skipFolder</c> (the output folder),
/// recognised by device and inode whatever path names it, enter each real folder once (<see cref="DirectoryWalk"/>),
/// and add a folder they cannot read to <c>unreadable</c> instead of failing the batch.
/// </summary>
public static class BatchInputs
{
    public static IReadOnlyList<BatchItem> Expand(
        IReadOnlyList<string> inputs, bool recursive, string? skipFolder = null, List<BatchFailure>? unreadable = null)
    {
        FileIdentity? skip = skipFolder is null ? null : FileIdentity.Of(skipFolder);
        unreadable ??= [];
        var items = new List<BatchItem>();
        foreach (string input in inputs)
        {
            if (File.Exists(input))
            {
                items.Add(new BatchItem(input, Path.GetFileName(input)));
            }
            else if (Directory.Exists(input))
            {
                AddFolder(items, input, recursive, skip, unreadable);
            }
            else if (GlobPattern.IsGlob(input))
            {
                AddGlob(items, input, skip, unreadable);
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

    private static void AddFolder(List<BatchItem> items, string folder, bool recursive, FileIdentity? skip, List<BatchFailure> unreadable)
    {
        var walk = new DirectoryWalk(skip);
        foreach (string file in walk.Files(folder, recursive, name => name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)))
        {
            items.Add(new BatchItem(file, Relative(folder, file)));
        }

        unreadable.AddRange(walk.Unreadable);
    }

    private static void AddGlob(List<BatchItem> items, string pattern, FileIdentity? skip, List<BatchFailure> unreadable)
    {
        GlobPattern glob = GlobPattern.Parse(pattern);
        if (!Directory.Exists(glob.BaseDirectory))
        {
            throw new UserInputException($"input '{pattern}': folder '{glob.BaseDirectory}' does not exist.");
        }

        int before = items.Count;
        var walk = new DirectoryWalk(skip);
        foreach (string file in walk.Files(glob.BaseDirectory, glob.Recursive, _ => true))
        {
            string relative = Relative(glob.BaseDirectory, file);
            if (glob.IsMatch(relative))
            {
                items.Add(new BatchItem(file, relative));
            }
        }

        unreadable.AddRange(walk.Unreadable);
        if (items.Count == before && walk.Unreadable.Count == 0)
        {
            throw new UserInputException($"input '{pattern}' matches no file.");
        }
    }

    private static string Relative(string folder, string file) =>
        Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
}
