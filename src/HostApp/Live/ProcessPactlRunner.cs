using System.Diagnostics;

namespace RtDenoise.HostApp.Live;

/// <summary>Runs the real `pactl` (PulseAudio's client, also served by PipeWire's pipewire-pulse) as a child process.</summary>
public sealed class ProcessPactlRunner : IPactlRunner
{
    public PactlResult Run(IReadOnlyList<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("pactl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new VirtualMicException("could not start pactl.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new VirtualMicException("pactl was not found on PATH: install pulseaudio-utils (PulseAudio) or pipewire-pulse / pulseaudio-utils (PipeWire).");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill();
                throw new VirtualMicException($"pactl {string.Join(' ', args)} did not answer within {timeout.TotalSeconds:0.##} s.");
            }

            return new PactlResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
