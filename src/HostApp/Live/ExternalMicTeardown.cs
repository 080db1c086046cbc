namespace RtDenoise.HostApp.Live;

/// <summary>
/// The end of an external-route run: unload its modules (every one tried, each with its own time bound) and say
/// truthfully what happened. "removed" only when all are gone; otherwise one error line naming each module left
/// and why (a frozen or dead server), and a non-zero exit even when the stream itself ended well.
/// </summary>
/// <remarks>
/// After a stop signal the process has only its grace time, while a frozen server may not answer for as long as it
/// stays frozen: each unload then waits only for what is left of the grace time, and whatever is left loaded is left
/// to the run's watchdog (<see cref="BackgroundCleanup"/>), which outlives this process and removes the modules once
/// the server answers again. A complete teardown stops the watchdog.
/// </remarks>
public static class ExternalMicTeardown
{
    /// <param name="timeLeft">What is left of the grace time after a stop signal (null when none arrived).</param>
    /// <param name="watchdog">The run's watchdog pid (<see cref="BackgroundCleanup.Start"/>), or null without one.</param>
    /// <param name="stopWatchdog">Ends the watchdog after a complete teardown.</param>
    /// <returns><paramref name="runCode"/>, or <see cref="Cli.ExitCodes.Failure"/> when it was OK but a module is left.</returns>
    public static int Run(
        Pactl pactl, string micName, IReadOnlyList<string> loaded, int runCode, TextWriter error,
        Func<TimeSpan?>? timeLeft = null, int? watchdog = null, Action<int>? stopWatchdog = null)
    {
        ModuleCleanup.Report report = ModuleCleanup.UnloadAll(pactl, loaded, timeLeft);
        if (report.Complete)
        {
            if (watchdog is int w)
            {
                stopWatchdog?.Invoke(w);
            }

            error.WriteLine($"virtual microphone '{micName}' removed");
            return runCode;
        }

        string next = watchdog is int pid
            ? $"the run's watchdog (pid {pid}) removes them once the server answers, for up to {BackgroundCleanup.RetrySeconds} s after this process ends; after that, rtdenoise virtual-mic --cleanup does"
            : "rtdenoise virtual-mic --cleanup removes what is left once the server answers";
        error.WriteLine($"error: virtual microphone '{micName}' was not fully removed: {report.Describe()} ({next})");
        return runCode == Cli.ExitCodes.Ok ? Cli.ExitCodes.Failure : runCode;
    }
}
