namespace RtDenoise.Engine.Logging;

/// <summary>
/// The process's log: one line per event on a text writer (stderr in the `rtdenoise` command; nowhere until
/// <see cref="Configure"/> is called, as in the LADSPA plugin and the tests). Written here, with no reflection,
/// so the command stays trimming- and NativeAOT-clean; the generic overloads format nothing, and allocate nothing,
/// when the level is off.
/// </summary>
public static class Log
{
    private static readonly Lock Gate = new();
    private static TextWriter? _writer;
    private static LogLevel _minimum = LogLevel.Off;

    public static void Configure(LogLevel minimum, TextWriter writer)
    {
        lock (Gate)
        {
            _minimum = minimum;
            _writer = writer;
        }
    }

    public static bool IsEnabled(LogLevel level) => level >= _minimum && _minimum != LogLevel.Off;

    public static void Verbose(string template) => Write(LogLevel.Verbose, template, []);

    public static void Verbose<T0, T1, T2>(string template, T0 a, T1 b, T2 c)
    {
        if (IsEnabled(LogLevel.Verbose))
        {
            Write(LogLevel.Verbose, template, [a, b, c]);
        }
    }

    public static void Verbose(string template, params object?[] args) => Write(LogLevel.Verbose, template, args);

    public static void Debug(string template) => Write(LogLevel.Debug, template, []);

    public static void Debug<T0>(string template, T0 a)
    {
        if (IsEnabled(LogLevel.Debug))
        {
            Write(LogLevel.Debug, template, [a]);
        }
    }

    public static void Debug<T0, T1>(string template, T0 a, T1 b)
    {
        if (IsEnabled(LogLevel.Debug))
        {
            Write(LogLevel.Debug, template, [a, b]);
        }
    }

    public static void Debug<T0, T1, T2>(string template, T0 a, T1 b, T2 c)
    {
        if (IsEnabled(LogLevel.Debug))
        {
            Write(LogLevel.Debug, template, [a, b, c]);
        }
    }

    public static void Debug(string template, params object?[] args) => Write(LogLevel.Debug, template, args);

    public static void Information<T0>(string template, T0 a)
    {
        if (IsEnabled(LogLevel.Information))
        {
            Write(LogLevel.Information, template, [a]);
        }
    }

    public static void Information(string template, params object?[] args) => Write(LogLevel.Information, template, args);

    public static void Warning<T0>(string template, T0 a)
    {
        if (IsEnabled(LogLevel.Warning))
        {
            Write(LogLevel.Warning, template, [a]);
        }
    }

    public static void Warning<T0, T1>(string template, T0 a, T1 b)
    {
        if (IsEnabled(LogLevel.Warning))
        {
            Write(LogLevel.Warning, template, [a, b]);
        }
    }

    public static void Warning(string template, params object?[] args) => Write(LogLevel.Warning, template, args);

    public static void Error(string template, params object?[] args) => Write(LogLevel.Error, template, args);

    private static void Write(LogLevel level, string template, ReadOnlySpan<object?> args)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        string line = $"[{Tag(level)}] {LogTemplate.Render(template, args)}";
        lock (Gate)
        {
            _writer?.WriteLine(line);
        }
    }

    private static string Tag(LogLevel level) => level switch
    {
        LogLevel.Verbose => "VRB",
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        _ => "ERR",
    };
}
