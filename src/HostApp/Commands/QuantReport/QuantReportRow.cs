namespace RtDenoise.HostApp.Commands.QuantReport;

/// <summary>
/// Measured outcome of one configuration. Bytes are exact (<c>model-info</c>): <see cref="WeightBytes"/> = codes +
/// metadata + tables + float32 biases; <see cref="TotalBytes"/> adds the normalisation. Fidelity is the output SNR of
/// this model's denoised audio against the float model's (design §4), over all files: 10·log10(Σf² / Σ(q − f)²).
/// </summary>
public sealed record QuantReportRow(
    QuantConfig Config,
    long WeightBytes,
    long TotalBytes,
    double BitsPerWeight,
    double Stoi,
    double Estoi,
    double SiSdrDb,
    double RelativeStoiDropPercent,
    double FidelityDb);
