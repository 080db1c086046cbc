namespace RtDenoise.Engine.Model;

/// <summary>A model file (.rtm) that fails validation: the message names the file and the first bad field.</summary>
public sealed class InvalidModelException : Exception
{
    public InvalidModelException(string message)
        : base(message)
    {
    }

    public InvalidModelException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
