using RtDenoise.Offline.Metrics.Pesq;

namespace RtDenoise.Offline.Metrics;

/// <summary>STOI and ESTOI (0..1, higher is more intelligible), SI-SDR in dB, and the reference's "too short"
/// warning when it applied (then STOI and ESTOI are 1e-5); PESQ (MOS-LQO, −0.5..4.64, higher sounds better) when it
/// was asked for.</summary>
public sealed record SpeechMetricsResult(double Stoi, double Estoi, double SiSdrDb, string? Warning, PesqScores? Pesq = null)
{
    /// <summary>Why PESQ was not computed although it was asked for (null when it was, or was not asked for).</summary>
    public string? PesqSkipped { get; init; }
}
