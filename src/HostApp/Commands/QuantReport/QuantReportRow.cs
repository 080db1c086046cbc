namespace RtDenoise.HostApp.Commands.QuantReport;

/// <summary>
/// Measured outcome of one configuration. Bytes are exact (<c>model-info</c>): <see cref="WeightBytes"/> = codes +
/// metadata + tables + float32 biases; <see cref="TotalBytes"/> adds the normalisation. Fidelity is the output SNR of
/// this model's denoised audio against the float model's, over all files: 10·log10(Σf² / Σ(q − f)²). PESQ (narrow
/// and wide band MOS-LQO) is the mean over the files; wide band is NaN at 8 kHz, where it is not defined.
/// </summary>
public sealed record QuantReportRow(
    QuantConfig Config,
    long WeightBytes,
    long TotalBytes,
    double BitsPerWeight,
    double Stoi,
    double Estoi,
    double SiSdrDb,
    double PesqNb,
    double PesqWb,
    double RelativeStoiDropPercent,
    double FidelityDb);
