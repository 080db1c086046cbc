using System.Runtime.InteropServices;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C), SIGTERM and SIGHUP into a cancellation, so a file command unwinds through its
/// <c>using</c> blocks (the atomic writer deletes its temporary file) instead of the runtime's default action, which
/// ends the process at once and left a partial hidden <c>.tmp</c> behind (issue 14 item 5). The command then exits
/// like a shell reports a death by that signal: 128 + its number (130, 143, 129).
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private volatile string? _received;
    private int _exitCode;

    public TerminationSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => OnSignal(ctx, "SIGINT", 2)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => OnSignal(ctx, "SIGTERM", 15)),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx => OnSignal(ctx, "SIGHUP", 1)),
        ];
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>The first signal received ("SIGTERM"...), or null.</summary>
    public string? Received => _received;

    /// <summary>128 + the signal's number, as a shell reports it; 0 when none arrived.</summary>
    public int ExitCode => _exitCode;

    /// <summary>The one line a command prints when a signal stopped it.</summary>
    public string Message(string what) => $"rtdenoise: {what} stopped by {Received}; no partial output left.";

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext ctx, string name, int number)
    {
        ctx.Cancel = true; // keep the process alive until the command has cleaned up
        if (Interlocked.CompareExchange(ref _exitCode, 128 + number, 0) == 0)
        {
            _received = name;
        }

        _cancel.Cancel();
    }
}
