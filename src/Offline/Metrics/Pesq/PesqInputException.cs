namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The inputs are outside what ITU-T P.862 / P.862.2 can score (rate, length, silence, no utterances);
/// the message says what and why in one line.
/// </summary>
public sealed class PesqInputException : Exception
{
    public PesqInputException(string message)
        : base(message)
    {
    }

    public PesqInputException()
        : base("PESQ cannot score these inputs")
    {
    }

    public PesqInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
