using System.IO.Enumeration;
using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// Expands the inputs of `denoise IN... --out-dir DIR` into a sorted, de-duplicated list of WAV files with their
/// output paths: a file keeps its name; a folder gives its *.wav files (and those of its subfolders with
/// <c>recursive</c>) at their path relative to it; a quoted glob gives its matches relative to its base folder.
/// Sorting is ordinal on the relative path (then the input path), the same on every machine, which makes
/// <see cref="ShardSpec"/> deterministic. Folder walks skip the folder given as <c>skipFolder</c> (the output folder),
/// recognised by device and inode whatever path names it.
/// </summary>
public static class BatchInputs
{
    public static IReadOnlyList<BatchItem> Expand(IReadOnlyList<string> inputs, bool recursive, string? skipFolder = null)
    {
        FileIdentity? skip = skipFolder is null ? null : FileIdentity.Of(skipFolder);
        var items = new List<BatchItem>();
        foreach (string input in inputs)
        {
            if (File.Exists(input))
            {
                items.Add(new BatchItem(input, Path.GetFileName(input)));
            }
            else if (Directory.Exists(input))
            {
                AddFolder(items, input, recursive, skip);
            }
            else if (GlobPattern.IsGlob(input))
            {
                AddGlob(items, input, skip);
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

    private static void AddFolder(List<BatchItem> items, string folder, bool recursive, FileIdentity? skip)
    {
        foreach (string file in Walk(folder, recursive, skip, name => FileSystemName.MatchesSimpleExpression("*.wav", name, ignoreCase: true)))
        {
            items.Add(new BatchItem(file, Relative(folder, file)));
        }
    }

    private static void AddGlob(List<BatchItem> items, string pattern, FileIdentity? skip)
    {
        GlobPattern glob = GlobPattern.Parse(pattern);
        if (!Directory.Exists(glob.BaseDirectory))
        {
            throw new UserInputException($"input '{pattern}': folder '{glob.BaseDirectory}' does not exist.");
        }

        int before = items.Count;
        foreach (string file in Walk(glob.BaseDirectory, glob.Recursive, skip, _ => true))
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

    /// <summary>The files under <paramref name="root"/> whose names pass <paramref name="include"/>, not descending
    /// into the folder whose identity is <paramref name="skip"/>.</summary>
    private static FileSystemEnumerable<string> Walk(string root, bool recursive, FileIdentity? skip, Func<string, bool> include)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = false };
        return new FileSystemEnumerable<string>(root, (ref FileSystemEntry e) => e.ToSpecifiedFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && include(e.FileName.ToString()),
            ShouldRecursePredicate = (ref FileSystemEntry e) => skip is null || FileIdentity.Of(e.ToFullPath()) != skip,
        };
    }

    private static string Relative(string folder, string file) =>
        Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
}
