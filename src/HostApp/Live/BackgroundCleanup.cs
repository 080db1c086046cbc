using System.Diagnostics;
using System.Globalization;
using RtDenoise.HostApp.Cli;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// A watchdog for an external-route virtual microphone: a small shell loop, started when the microphone comes up,
/// that waits for this process to end and then runs `rtdenoise reap-modules --after-pid THIS`, which removes the
/// modules this run left once the server answers (<see cref="Commands.ReapModulesCommand"/>). A clean teardown stops
/// the watchdog; a teardown cut short (a frozen server and the grace time after a stop signal), a crash or SIGKILL
/// leaves it to finish the job, so no path leaves the microphone's modules behind for good.
/// </summary>
/// <remarks>
/// The loop is `sh` (a megabyte, one `sleep` a second), not a second .NET process for the whole run. It runs in its
/// own session (setsid): the terminal's Ctrl-C and signals to this process group do not reach it, and it has no
/// terminal I/O. Program and arguments reach it as separate words ("$@"), never pasted into the script.
/// </remarks>
public static class BackgroundCleanup
{
    /// <summary>How long the cleanup keeps trying once this process has ended.</summary>
    public const int RetrySeconds = 60;

    private const string Watch = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; shift; exec \"$@\"";

    /// <summary>Starts the watchdog; returns its pid, or null when it could not be started (the caller then names
    /// the manual command).</summary>
    public static int? Start()
    {
        string pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        ProcessStartInfo self = SelfProcess.StartInfo(["reap-modules", "--after-pid", pid, "--seconds", RetrySeconds.ToString(CultureInfo.InvariantCulture)]);
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["RTDENOISE_WATCH"] = Watch;
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("setsid /bin/sh -c \"$RTDENOISE_WATCH\" rtdenoise-watchdog \"$@\" </dev/null >/dev/null 2>&1 & echo $!");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add(pid);
        psi.ArgumentList.Add(self.FileName);
        foreach (string a in self.ArgumentList)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using Process? sh = Process.Start(psi);
            if (sh is null || !sh.WaitForExit(TimeSpan.FromSeconds(1)) || sh.ExitCode != 0)
            {
                return null;
            }

            return int.TryParse(sh.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture, out int watchdog) ? watchdog : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Ends the watchdog after a complete teardown (nothing is left for it to do).</summary>
    public static void Stop(int watchdog)
    {
        try
        {
            using var p = Process.GetProcessById(watchdog);
            p.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }
}
