using RtDenoise.Engine.Stft;
using RtDenoise.Training.Features;
using RtDenoise.Training.Mixing;
using RtDenoise.Training.Nn;

namespace RtDenoise.Training;

/// <summary>A training run's fixed parts: the mixture source, the validation set, the losses, the schedule and the
/// mini-batch buffers (allocated once per run).</summary>
internal sealed class TrainingContext
{
    public required StftLayout Layout { get; init; }

    public required MixtureGenerator Generator { get; init; }

    public required IReadOnlyList<Mixture> ValidationMixtures { get; init; }

    public required FrameSet ValidationFrames { get; init; }

    public required MaskLoss Loss { get; init; }

    public required ExampleBuilder Builder { get; init; }

    /// <summary>The segment (ESTOI-like) loss when its weight is positive, else null.</summary>
    public EnvelopeCorrelationLoss? Estoi { get; init; }

    public required int Chunks { get; init; }

    public required int StepsPerEpoch { get; init; }

    public required long TotalSteps { get; init; }

    // Mini-batch buffers: features, noisy and clean compressed magnitudes, ideal ratio mask, loss gradient.
    public required float[] Xb { get; init; }

    public required float[] Nb { get; init; }

    public required float[] Cb { get; init; }

    public required float[] Ib { get; init; }

    public required float[] Dl { get; init; }
}
