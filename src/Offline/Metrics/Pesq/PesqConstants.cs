namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>Fixed parameters of ITU-T P.862 (the values of its reference implementation).</summary>
internal static class PesqConstants
{
    /// <summary>Zero margin, in alignment blocks, added before and after each signal (and the widest delay search).</summary>
    public const int SearchBuffer = 75;

    /// <summary>Extra zeros appended after each signal, in milliseconds.</summary>
    public const int DataPaddingMs = 320;

    /// <summary>Most utterances the time alignment keeps (one slot serves as scratch for split searches).</summary>
    public const int MaxUtterances = 50;

    /// <summary>Shortest utterance, in alignment blocks (0.2 s at either rate).</summary>
    public const int MinUtteranceLength = 50;

    /// <summary>Speech bursts this short (blocks) or shorter are not speech.</summary>
    public const int MinSpeechLength = 4;

    /// <summary>Pauses this short (blocks) or shorter join the speech around them.</summary>
    public const int JoinSpeechLength = 50;

    /// <summary>Mean power both signals are scaled to before the model (P.862).</summary>
    public const double TargetAveragePower = 1e7;

    /// <summary>Weight of the symmetric disturbance in the raw score.</summary>
    public const double SymmetricWeight = 0.1;

    /// <summary>Weight of the asymmetric disturbance in the raw score.</summary>
    public const double AsymmetricWeight = 0.0309;

    /// <summary>2π as the reference writes it (its Hann windows use this value).</summary>
    public const double TwoPi = 6.28318530717959;
}
