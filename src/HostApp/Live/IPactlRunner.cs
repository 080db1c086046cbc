namespace RtDenoise.HostApp.Live;

/// <summary>
/// Runs `pactl` with arguments and a time bound. The seam between the virtual microphone's logic and the sound
/// server: <see cref="ProcessPactlRunner"/> starts the real client; tests give a scripted one.
/// </summary>
public interface IPactlRunner
{
    /// <summary>
    /// Runs pactl with <paramref name="args"/>; throws <see cref="VirtualMicException"/> when it cannot start or
    /// does not answer within <paramref name="timeout"/> (a frozen server).
    /// </summary>
    PactlResult Run(IReadOnlyList<string> args, TimeSpan timeout);
}

/// <summary>What one pactl call returned: exit code, standard output, standard error.</summary>
public sealed record PactlResult(int Code, string Output, string Error);
