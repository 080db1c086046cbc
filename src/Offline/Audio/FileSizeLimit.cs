namespace RtDenoise.Offline.Audio;

/// <summary>
/// A write past the process's file-size limit (<c>ulimit -f</c>, RLIMIT_FSIZE) fails with EFBIG, which .NET reports
/// as an <see cref="ArgumentOutOfRangeException"/> on the stream's "value" — to a command, a programming error with
/// a stack trace. It is an I/O condition of the output, so it becomes an <see cref="IOException"/> the command
/// reports in one line (and its temporary file is then removed as for any failed write).
/// </summary>
internal static class FileSizeLimit
{
    /// <summary>True when <paramref name="ex"/> is the runtime's report of EFBIG on a write.</summary>
    public static bool Reached(ArgumentOutOfRangeException ex) => ex.ParamName == "value";

    public static IOException Error(ArgumentOutOfRangeException ex) =>
        new("the output reached the file-size limit (ulimit -f); nothing was written.", ex);
}
