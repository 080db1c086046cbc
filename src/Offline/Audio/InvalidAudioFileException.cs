namespace RtDenoise.Offline.Audio;

/// <summary>A WAV file that cannot be used: the message names the file and the reason.</summary>
public sealed class InvalidAudioFileException : Exception
{
    public InvalidAudioFileException(string message)
        : base(message)
    {
    }

    public InvalidAudioFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
