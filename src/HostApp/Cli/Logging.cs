using RtDenoise.Engine.Logging;

namespace RtDenoise.HostApp.Cli;

/// <summary>The log goes to stderr (stdout stays for results and JSON). Warnings by default, debug with --verbose.</summary>
public static class Logging
{
    public static void Configure(bool verbose) => Log.Configure(verbose ? LogLevel.Debug : LogLevel.Warning, Console.Error);
}
