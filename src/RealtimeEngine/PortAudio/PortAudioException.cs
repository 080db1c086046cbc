namespace RtDenoise.Engine.PortAudio;

/// <summary>A PortAudio call failed; the message carries PortAudio's own error text (and the host API's, if any).</summary>
public sealed class PortAudioException : Exception
{
    public PortAudioException(string message)
        : base(message)
    {
    }

    public PortAudioException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public PortAudioException(string operation, int errorCode)
        : base(Describe(operation, errorCode))
    {
        ErrorCode = errorCode;
    }

    /// <summary>The PaError value (0 when the failure did not come from a PortAudio return code).</summary>
    public int ErrorCode { get; }

    /// <summary>Throws when <paramref name="error"/> is negative (a PaError); returns it otherwise.</summary>
    internal static int Check(int error, string operation)
    {
        return error < 0 ? throw new PortAudioException(operation, error) : error;
    }

    private static unsafe string Describe(string operation, int errorCode)
    {
        string text = PortAudioNative.ErrorText(errorCode);
        const int paUnanticipatedHostError = -9999;
        if (errorCode == paUnanticipatedHostError)
        {
            PaHostErrorInfo* host = PortAudioNative.Pa_GetLastHostErrorInfo();
            if (host is not null && host->ErrorText is not null)
            {
                text += $" ({PortAudioNative.Text(host->ErrorText)}, host error {host->ErrorCode})";
            }
        }

        return $"{operation} failed: {text} (PaError {errorCode})";
    }
}
