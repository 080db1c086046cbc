namespace RtDenoise.Training.Tests;

/// <summary>The small, fast training configuration the training and fine-tuning tests share.</summary>
internal static class TinyTrainingSetup
{
    public static TrainOptions Options(string outPath, int epochs) => new()
    {
        OutPath = outPath,
        Epochs = epochs,
        Seed = 3,
        Window = 128,
        Hop = 64,
        FftSize = 128,
        Context = 2,
        Hidden = [24, 24],
        BatchSize = 64,
        MixturesPerEpoch = 8,
        MixturesPerChunk = 4,
        SegmentSeconds = 1,
        WarmupSteps = 5,
        LearningRate = 3e-3f,
        ValidationMixtures = 4,
        StatisticsMixtures = 4,
        GainFloorDb = -20f,
        UnderWeight = 2f,
        Dropout = 0.1f,
        WeightDecay = 0.01f,
        EstoiWeight = 0f,
    };

    public static string TempDir(string prefix)
    {
        string d = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }
}
