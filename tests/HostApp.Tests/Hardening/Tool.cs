using System.Diagnostics;

namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>Runs a system tool (ln) for fixtures .NET has no API for.</summary>
internal static class Tool
{
    /// <summary>The tool's exit code (-1 when it is not installed); its output is discarded.</summary>
    public static int Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using Process p = Process.Start(psi)!;
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            stderr.Wait();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
