using Serilog;
using Serilog.Events;

namespace RtDenoise.HostApp.Cli;

/// <summary>Serilog to stderr (stdout stays for results and JSON). Warnings by default, debug with --verbose.</summary>
public static class Logging
{
    public static void Configure(bool verbose)
    {
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Warning)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
    }
}
