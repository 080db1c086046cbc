namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>Which PESQ variant to run.</summary>
public enum PesqMode
{
    /// <summary>ITU-T P.862 (IRS receive input filter) mapped to MOS-LQO with P.862.1; 8000 or 16000 Hz.</summary>
    NarrowBand,

    /// <summary>ITU-T P.862.2 (100 Hz high-pass input filter, wide-band mapping); 16000 Hz only.</summary>
    WideBand,
}
