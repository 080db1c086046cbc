using System.Diagnostics;
using System.Runtime.InteropServices;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// The process's one answer to the signals that ask it to stop, installed before any command runs, so the rule holds
/// whatever a command is doing or blocked on (a FIFO with no writer, a hosted plugin in an endless loop, a slow
/// directory walk):
/// <list type="bullet">
/// <item>SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGALRM end the process with 128 + the signal's
/// number, as a shell reports a death by that signal.</item>
/// <item>A command that can stop cleanly (it holds a <see cref="TerminationSignals"/> scope) gets
/// the grace time it asked for (at most <see cref="GraceTime"/>) to unwind through its own cleanup and say what it stopped; one that cannot, or that is
/// still running when the grace time is up, is ended at once.</item>
/// <item>A second signal ends the process at once.</item>
/// <item>Ending at once first deletes every temporary output still registered (<see cref="TemporaryFiles"/>), so no
/// partial <c>.tmp</c> file survives, then calls <c>_exit</c>, which cannot block on anything the command holds.</item>
/// <item>SIGXFSZ (a write past the file-size limit) is ignored: the write then fails with EFBIG, an I/O error the
/// command reports and cleans up after, instead of the default core dump with the temporary file left behind.</item>
/// </list>
/// </summary>
public static partial class ProcessSignals
{
    /// <summary>The longest grace time a scope may ask for: enough for a process-route virtual microphone to stop its
    /// streams and unload its two modules (two pactl round trips) on a loaded machine, and still under the 2 s within
    /// which every command must end.</summary>
    public static readonly TimeSpan GraceTime = TimeSpan.FromMilliseconds(1500);

    /// <summary>The grace time of a command whose only cleanup is its own temporary outputs (denoise, eval): they
    /// check the token per block, so a clean stop takes milliseconds; what is still running past this (a metric over
    /// a long file) is ended at once, which deletes the same files, with most of the 2 s left for a loaded machine.</summary>
    public static readonly TimeSpan FileGraceTime = TimeSpan.FromMilliseconds(500);

    // Linux numbers (the same on x86-64 and arm64); PosixSignal names only the portable ones, and raw numbers are
    // accepted cast to PosixSignal.
    private const int SigHup = 1, SigInt = 2, SigQuit = 3, SigUsr1 = 10, SigUsr2 = 12, SigAlrm = 14, SigTerm = 15, SigXfsz = 25;

    private static readonly Lock Gate = new();
    private static readonly CancellationTokenSource Stop = new();
    private static List<PosixSignalRegistration>? s_registrations;
    private static Timer? s_deadline;
    private static int s_gracefulScopes;
    private static long s_graceTicks;
    private static volatile string? s_received;
    private static int s_exitCode;
    private static int s_reported;
    private static long s_forcedEndAt; // Stopwatch timestamp of the forced end; 0 until a signal starts the grace time

    /// <summary>Cancelled by the first stop signal.</summary>
    public static CancellationToken Token => Stop.Token;

    /// <summary>The first stop signal received ("SIGTERM"...), or null.</summary>
    public static string? Received => s_received;

    /// <summary>128 + the first stop signal's number; 0 when none arrived.</summary>
    public static int ExitCode => Volatile.Read(ref s_exitCode);

    /// <summary>Installs the handlers (once per process; later calls do nothing).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (s_registrations is not null)
            {
                return;
            }

            s_registrations =
            [
                Register(SigInt, "SIGINT"),
                Register(SigTerm, "SIGTERM"),
                Register(SigHup, "SIGHUP"),
                Register(SigQuit, "SIGQUIT"),
                Register(SigUsr1, "SIGUSR1"),
                Register(SigUsr2, "SIGUSR2"),
                Register(SigAlrm, "SIGALRM"),
                PosixSignalRegistration.Create((PosixSignal)SigXfsz, ctx => ctx.Cancel = true),
            ];
        }
    }

    /// <summary>
    /// Marks a stretch in which the running command stops cleanly on <see cref="Token"/> within
    /// <paramref name="grace"/> (at most <see cref="GraceTime"/>); with scopes nested, the longest grace applies.
    /// </summary>
    internal static void EnterGracefulScope(TimeSpan grace)
    {
        long ticks = Math.Min(grace.Ticks, GraceTime.Ticks);
        long seen = Interlocked.Read(ref s_graceTicks);
        while (ticks > seen && Interlocked.CompareExchange(ref s_graceTicks, ticks, seen) != seen)
        {
            seen = Interlocked.Read(ref s_graceTicks);
        }

        Interlocked.Increment(ref s_gracefulScopes);
    }

    internal static void LeaveGracefulScope() => Interlocked.Decrement(ref s_gracefulScopes);

    /// <summary>How long the command has left before the grace time ends the process: null while no stop signal has
    /// arrived, zero once it is up. Cleanup that talks to something that may not answer (a frozen sound server)
    /// bounds each wait by this, so it can report what it could not finish instead of being cut mid-sentence.</summary>
    public static TimeSpan? GraceLeft()
    {
        if (s_received is null)
        {
            return null;
        }

        long at = Interlocked.Read(ref s_forcedEndAt);
        TimeSpan left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The command has printed its own line about the signal; a forced end then adds none.</summary>
    internal static void MarkReported() => Volatile.Write(ref s_reported, 1);

    private static PosixSignalRegistration Register(int number, string name) =>
        PosixSignalRegistration.Create((PosixSignal)number, ctx => OnStopSignal(ctx, name, number));

    private static void OnStopSignal(PosixSignalContext ctx, string name, int number)
    {
        ctx.Cancel = true; // the process ends here, on our terms, not by the runtime's default action
        if (Interlocked.CompareExchange(ref s_exitCode, 128 + number, 0) != 0)
        {
            EndNow(); // the second signal
            return;
        }

        TimeSpan grace = TimeSpan.FromTicks(Interlocked.Read(ref s_graceTicks));
        Interlocked.Exchange(ref s_forcedEndAt, Stopwatch.GetTimestamp() + (long)(grace.TotalSeconds * Stopwatch.Frequency));
        s_received = name;
        Stop.Cancel();
        if (Volatile.Read(ref s_gracefulScopes) == 0)
        {
            EndNow();
            return;
        }

        lock (Gate)
        {
            s_deadline = new Timer(_ => EndNow(), null, grace, Timeout.InfiniteTimeSpan);
        }
    }

    private static void EndNow()
    {
        TemporaryFiles.DeleteAll();
        try
        {
            if (Interlocked.Exchange(ref s_reported, 1) == 0)
            {
                Console.Error.WriteLine($"rtdenoise: stopped by {s_received}; no partial output left.");
            }

            Console.Error.Flush();
        }
        catch (IOException)
        {
            // stderr may be a closed pipe; the exit code still says why.
        }

        Exit(ExitCode);
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
