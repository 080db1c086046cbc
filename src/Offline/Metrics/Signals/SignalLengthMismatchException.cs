namespace RtDenoise.Offline.Metrics.Signals;

/// <summary>The clean and processed signals of a metric have different lengths (both are named in the message).</summary>
public sealed class SignalLengthMismatchException : ArgumentException
{
    public SignalLengthMismatchException(long cleanLength, long processedLength)
        : base($"clean and processed signals must have the same length: clean has {cleanLength} samples, processed has "
            + $"{processedLength} (trim both to the shorter one to compare them anyway)")
    {
        CleanLength = cleanLength;
        ProcessedLength = processedLength;
    }

    public long CleanLength { get; }

    public long ProcessedLength { get; }
}
