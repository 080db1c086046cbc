namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Thrown for problems with what the user gave us (files, options). Caught by <see cref="CommandGuard"/> and
/// turned into a one-line message on stderr and exit code 2, never a stack trace.
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
