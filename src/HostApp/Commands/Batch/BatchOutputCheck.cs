using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Commands.Batch;

/// <summary>
/// Before a batch runs: refuses it (exit 2, nothing written) when any output would replace any input of the batch,
/// its own or another file's (which another job may be reading). Compared by device and inode, so an --out-dir that
/// is an input folder under another name (a symlink, a bind mount) is caught too.
/// </summary>
public static class BatchOutputCheck
{
    public static void RefuseOutputsOverInputs(IReadOnlyList<BatchItem> items, DirectoryInfo outDir)
    {
        var inputs = new Dictionary<FileIdentity, string>();
        foreach (BatchItem item in items)
        {
            if (FileIdentity.Of(item.InputPath) is { } id)
            {
                inputs.TryAdd(id, item.InputPath);
            }
        }

        foreach (BatchItem item in items)
        {
            string output = OutputPath(outDir, item);
            if (FileIdentity.Of(output) is { } id && inputs.TryGetValue(id, out string? input))
            {
                string whose = input == item.InputPath ? "its own output" : $"the output of '{item.InputPath}'";
                throw new UserInputException(
                    $"--out-dir {outDir}: input '{input}' would be overwritten by {whose}: '{output}' is the same file (same device and inode); choose another folder.");
            }
        }
    }

    /// <summary>Where <paramref name="item"/>'s output goes.</summary>
    public static string OutputPath(DirectoryInfo outDir, BatchItem item) =>
        Path.Combine(outDir.FullName, item.RelativePath.Replace('/', Path.DirectorySeparatorChar));
}
