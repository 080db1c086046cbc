using RtDenoise.Engine.Model;
using RtDenoise.Training.Mixing;

namespace RtDenoise.Training;

/// <summary>
/// Scores a candidate model on validation mixtures by running it as it will run (streaming STFT + processor);
/// higher is better. Checkpoint selection uses it when present (e.g. mean STOI/ESTOI), else validation loss.
/// </summary>
public interface IValidationScorer
{
    string Name { get; }

    double Score(RtmModel model, IReadOnlyList<Mixture> mixtures);
}
