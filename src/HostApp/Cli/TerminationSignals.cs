namespace RtDenoise.HostApp.Cli;

/// <summary>
/// A command's scope for stopping cleanly on SIGINT, SIGTERM, SIGHUP and the other stop signals
/// (<see cref="ProcessSignals"/>): while it is open, the first signal cancels <see cref="Token"/> and the command
/// unwinds through its <c>using</c> blocks (the atomic writer deletes its temporary file) within
/// the grace time it asked for, then exits like a shell reports a death by that signal: 128 + its number
/// (130, 143, 129). Past the grace time, or at a second signal, the process ends at once.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private int _disposed;

    /// <param name="grace">How long the command needs to unwind after the first signal:
    /// <see cref="ProcessSignals.FileGraceTime"/> for one whose cleanup is its temporary outputs,
    /// <see cref="ProcessSignals.GraceTime"/> for one that must undo changes in a sound server.</param>
    public TerminationSignals(TimeSpan grace)
    {
        ProcessSignals.Install();
        ProcessSignals.EnterGracefulScope(grace);
    }

    public CancellationToken Token => ProcessSignals.Token;

    /// <summary>The first signal received ("SIGTERM"...), or null.</summary>
    public string? Received => ProcessSignals.Received;

    /// <summary>128 + the signal's number, as a shell reports it; 0 when none arrived.</summary>
    public int ExitCode => ProcessSignals.ExitCode;

    /// <summary>The one line a command prints when a signal stopped it.</summary>
    public string Message(string what)
    {
        ProcessSignals.MarkReported();
        return $"rtdenoise: {what} stopped by {Received}; no partial output left.";
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ProcessSignals.LeaveGracefulScope();
        }
    }
}
