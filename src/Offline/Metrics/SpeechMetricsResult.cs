namespace RtDenoise.Offline.Metrics;

/// <summary>STOI and ESTOI (0..1, higher is more intelligible), SI-SDR in dB, and the reference's "too short"
/// warning when it applied (then STOI and ESTOI are 1e-5).</summary>
public sealed record SpeechMetricsResult(double Stoi, double Estoi, double SiSdrDb, string? Warning);
