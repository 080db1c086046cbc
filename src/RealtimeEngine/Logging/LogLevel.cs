namespace RtDenoise.Engine.Logging;

/// <summary>Severity of a log line, lowest first; the short tag is what stderr shows ("[DBG] …").</summary>
public enum LogLevel
{
    Verbose,
    Debug,
    Information,
    Warning,
    Error,
    Off,
}
