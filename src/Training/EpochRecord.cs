namespace RtDenoise.Training;

/// <summary>One line of the learning curve.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double? ValidationScore,
    double Seconds, double LearningRate);
