namespace RtDenoise.HostApp.Cli;

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A run-time failure that is not the user's input (device error, deadline misses in a harness...).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: missing or malformed file, bad option value. The message names what, where and why.</summary>
    public const int BadInput = 2;
}
