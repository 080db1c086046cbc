namespace RtDenoise.Engine.Chain;

/// <summary>A chain spec (text or JSON) or one of its settings is invalid; the message names the offending token.</summary>
public sealed class InvalidChainSpecException : Exception
{
    public InvalidChainSpecException(string message)
        : base(message)
    {
    }

    public InvalidChainSpecException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
