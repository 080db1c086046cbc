using System.Diagnostics;

namespace RtDenoise.LatencyBench.Tests;

/// <summary>Runs the built LatencyBench.dll out of process, as a user runs it.</summary>
internal static class LatencyBenchProcess
{
    public static (int Code, string StdOut, string StdErr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LatencyBench.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> o = p.StandardOutput.ReadToEndAsync();
        Task<string> e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            throw new TimeoutException("harness did not finish in 120 s");
        }

        return (p.ExitCode, o.Result, e.Result);
    }
}
