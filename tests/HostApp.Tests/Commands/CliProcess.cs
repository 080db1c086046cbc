using System.Diagnostics;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>
/// Runs the built `rtdenoise` (rtdenoise.dll beside the test binary) in a child process, so stdout/stderr are
/// captured exactly as a user or script sees them and no test touches the process-wide Console.
/// </summary>
internal static class CliProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "rtdenoise.dll");
        Assert.True(File.Exists(dll), $"rtdenoise.dll not found beside the tests: {dll}");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "rtdenoise did not finish within 2 minutes");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
