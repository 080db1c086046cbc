namespace RtDenoise.Training.Mixing;

/// <summary>One generated training/validation example. <see cref="Clean"/> is the target: the speech as it reaches
/// the microphone (after the room, if any), before noise.</summary>
public sealed record Mixture(float[] Clean, float[] Noisy, double SnrDb, double LevelDbfs, bool Reverberant,
    string Room, double Rt60, string Speaker, string Noise);
