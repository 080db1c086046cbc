using System.Diagnostics;

namespace RtDenoise.HostApp.Cli;

/// <summary>Starts this program again with other arguments (the apphost or NativeAOT binary itself, or
/// <c>dotnet rtdenoise.dll</c> when it runs framework-dependent), for work that must not share its address space.</summary>
internal static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("the program's own path is unknown.");
        var psi = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rtdenoise.dll"));
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }
}
