using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Refuses an output that is one of the command's inputs under another name. Compared by device and inode
/// (<see cref="FileIdentity"/>), never by path text: 'self/m.rtm' with self -> . is m.rtm, and a folder reached
/// through a symlink is that folder.
/// </summary>
public static class InputOverwriteGuard
{
    /// <param name="outputLabel">How the user gave the output, e.g. "output" or "--out".</param>
    /// <param name="inputLabel">What the input is, e.g. "the input model" or "the --noisy folder".</param>
    public static void Refuse(string outputLabel, string output, string inputLabel, string input)
    {
        if (FileIdentity.SameFile(output, input))
        {
            throw new UserInputException(
                $"{outputLabel} '{output}' is the same file as {inputLabel} '{input}' (same device and inode); writing it would overwrite the input, choose another path.");
        }
    }
}
