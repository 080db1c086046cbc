using RtDenoise.Training.Nn;

namespace RtDenoise.Training;

/// <summary>What a training run carries from epoch to epoch: the network and optimiser, the feature normalisation,
/// the history and the best epoch so far (a fresh start, a resumed checkpoint or a fine-tuning start).</summary>
internal sealed class TrainingState
{
    public required Mlp Net { get; init; }

    public required AdamW Adam { get; init; }

    public required float[] Mean { get; init; }

    public required float[] Std { get; init; }

    public required List<EpochRecord> History { get; init; }

    /// <summary>Epochs already done before this run (a resumed checkpoint's count, else 0).</summary>
    public required int StartEpoch { get; init; }

    /// <summary>The fake quantizer of a fine-tuning run, else null.</summary>
    public FakeQuantizer? Fq { get; init; }

    /// <summary>1-based; -1 before any epoch was selected.</summary>
    public int BestEpoch { get; set; } = -1;

    public double BestScore { get; set; } = double.NegativeInfinity;
}
