namespace RtDenoise.Offline.Metrics.Signals;

/// <summary>A metric input holds NaN or ±infinity; the message names the signal and the sample index.</summary>
public sealed class NonFiniteSampleException : ArgumentException
{
    public NonFiniteSampleException(string signal, long index, double value)
        : base($"{signal} signal has a non-finite sample ({value.ToString(System.Globalization.CultureInfo.InvariantCulture)}) at index {index}")
    {
        Signal = signal;
        Index = index;
    }

    /// <summary>"clean" or "processed".</summary>
    public string Signal { get; }

    /// <summary>Index of the first non-finite sample.</summary>
    public long Index { get; }
}
