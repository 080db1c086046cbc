using RtDenoise.Engine.Model;

namespace RtDenoise.Training;

/// <summary>
/// Training options for fine-tuning an existing model (<c>rtdenoise quantize --finetune</c>): geometry from the
/// model, the shipped model's recipe otherwise (models/MODEL_CARD.md: λ = 4, dropout 0.3, decoupled weight decay
/// 0.05, loss on |·|^0.3 with β = 0.1), a short warm-up and a learning rate about a fifth of training's peak
/// (5e-4): the start is already a good float solution, fine-tuning only moves it onto the quantization grid.
/// </summary>
public static class FineTuneOptions
{
    public const float DefaultLearningRate = 1e-4f;
    public const int DefaultEpochs = 4;

    public static TrainOptions For(RtmModel model, string dataDir, string workPath, int epochs, int seed,
        float learningRate = DefaultLearningRate, float underWeight = 4f, float estoiWeight = 0f) => new()
        {
            DataDir = dataDir,
            OutPath = workPath,
            Epochs = epochs,
            Seed = seed,
            SampleRate = model.SampleRate,
            Window = model.Layout.WindowLength,
            Hop = model.Layout.Hop,
            FftSize = model.Layout.FftSize,
            Context = model.ContextFrames,
            FeatureKind = model.FeatureKind,
            LevelTauSeconds = model.LevelTauSeconds,
            Hidden = [.. model.Layers.Take(model.Layers.Count - 1).Select(l => l.Out)],
            GainFloorDb = 20f * MathF.Log10(model.GainFloor),
            LearningRate = learningRate,
            WarmupSteps = 50,
            WeightDecay = 0.05f,
            Dropout = 0.3f,
            UnderWeight = underWeight,
            EstoiWeight = estoiWeight,
        };
}
