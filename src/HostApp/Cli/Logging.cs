using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Serilog to stderr (stdout stays for results and JSON). Warnings by default, debug with --verbose. Configured in
/// code only (no settings files, no reflection), and the call sites pass scalars (no <c>{@X}</c> destructuring),
/// so the NativeAOT publish stays free of trim warnings.
/// </summary>
public static class Logging
{
    /// <summary>One line per event: "[DBG] message", strings inserted as they are (no quotes).</summary>
    public const string OutputTemplate = "[{Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static void Configure(bool verbose) => Log.Logger = Create(verbose);

    /// <summary>The logger <see cref="Configure"/> installs: every event at or above the level goes to stderr.</summary>
    public static Logger Create(bool verbose) => new LoggerConfiguration()
        .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Warning)
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: OutputTemplate)
        .CreateLogger();
}
