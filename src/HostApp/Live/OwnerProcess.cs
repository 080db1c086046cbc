namespace RtDenoise.HostApp.Live;

/// <summary>Whether the process named in an <see cref="OwnerMark"/> still runs our program.</summary>
public static class OwnerProcess
{
    /// <summary>
    /// True when PID is this process, or a running process whose command line names rtdenoise (a reused PID of an
    /// unrelated program does not keep a dead run's modules alive). Reads /proc, so the server must share our PID
    /// namespace, as a desktop session's does.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            string cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            return cmdline.Contains("rtdenoise", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // no such process (or one we may not inspect, which is not ours)
        }
    }
}
