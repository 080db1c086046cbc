namespace RtDenoise.HostApp.Live;

/// <summary>
/// The end of an external-route run: unload its modules (every one tried, each with its own time bound) and say
/// truthfully what happened. "removed" only when all are gone; otherwise one error line naming each module left
/// and why (a frozen or dead server), and a non-zero exit even when the stream itself ended well.
/// </summary>
public static class ExternalMicTeardown
{
    /// <returns><paramref name="runCode"/>, or <see cref="Cli.ExitCodes.Failure"/> when it was OK but a module is left.</returns>
    public static int Run(Pactl pactl, string micName, IReadOnlyList<string> loaded, int runCode, TextWriter error)
    {
        ModuleCleanup.Report report = ModuleCleanup.UnloadAll(pactl, loaded);
        if (report.Complete)
        {
            error.WriteLine($"virtual microphone '{micName}' removed");
            return runCode;
        }

        error.WriteLine($"error: virtual microphone '{micName}' was not fully removed: {report.Describe()} (rtdenoise virtual-mic --cleanup removes what is left once the server answers)");
        return runCode == Cli.ExitCodes.Ok ? Cli.ExitCodes.Failure : runCode;
    }
}
