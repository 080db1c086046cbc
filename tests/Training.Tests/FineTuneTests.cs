using RtDenoise.Engine.Model;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Model;

namespace RtDenoise.Training.Tests;

/// <summary>Quantization-aware fine-tuning through <see cref="Trainer"/> with a <see cref="FineTuneStart"/>.</summary>
public sealed class FineTuneTests
{
    [Fact]
    public void Fine_tuning_lowers_the_quantized_model_loss_keeps_floor_and_gamma_and_is_deterministic()
    {
        string dir = TinyTrainingSetup.TempDir("rtdn-ft");
        try
        {
            new Trainer(TinyTrainingSetup.Options(Path.Combine(dir, "float.rtm"), 4), TextWriter.Null).Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            RtmModel start = RtmModel.Load(Path.Combine(dir, "float.rtm")).WithGainExponent(0.7f);
            WeightFormat[] formats = [WeightFormat.Vbs(2), WeightFormat.Vbs(2), WeightFormat.Vbs(2)];

            TrainOptions ft = FineTuneOptions.For(start, "", Path.Combine(dir, "a", "best.rtm"), 3, 9, learningRate: 1e-3f) with
            {
                BatchSize = 64,
                MixturesPerEpoch = 8,
                MixturesPerChunk = 4,
                SegmentSeconds = 1,
                WarmupSteps = 5,
                ValidationMixtures = 4,
                Dropout = 0f,
            };
            var trainer = new Trainer(ft, TextWriter.Null, null, new FineTuneStart(start, formats));
            List<EpochRecord> history = trainer.Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            Assert.NotNull(trainer.StartValidationLoss);
            Assert.True(history[^1].ValidationLoss < trainer.StartValidationLoss!.Value,
                $"quantized validation loss {trainer.StartValidationLoss} → {history[^1].ValidationLoss}");

            // The fine-tuned file is quantized in the chosen formats and keeps the start's normalisation, floor and γ.
            RtmModel tuned = RtmModel.Load(Path.Combine(trainer.EpochDir, "epoch-003.rtm"));
            Assert.Equal(["vbs2", "vbs2", "vbs2"], tuned.Layers.Select(l => l.Format));
            Assert.Equal(start.GainFloor, tuned.GainFloor);
            Assert.Equal(start.GainExponent, tuned.GainExponent);
            Assert.Equal(start.Mean, tuned.Mean);
            Assert.Equal(start.Std, tuned.Std);

            // The weights moved: the codes differ from a plain quantization of the start.
            RtmModel plain = ModelQuantizer.Quantize(start, formats);
            Assert.NotEqual(plain.Layers[0].Payload, tuned.Layers[0].Payload);

            // Same seed → byte-identical result.
            var again = new Trainer(ft with { OutPath = Path.Combine(dir, "b", "best.rtm") }, TextWriter.Null, null,
                new FineTuneStart(start, formats));
            again.Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            Assert.Equal(File.ReadAllBytes(Path.Combine(trainer.EpochDir, "epoch-003.rtm")),
                File.ReadAllBytes(Path.Combine(again.EpochDir, "epoch-003.rtm")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_estoi_term_changes_the_fine_tuned_weights()
    {
        string dir = TinyTrainingSetup.TempDir("rtdn-ft");
        try
        {
            new Trainer(TinyTrainingSetup.Options(Path.Combine(dir, "float.rtm"), 2), TextWriter.Null).Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            RtmModel start = RtmModel.Load(Path.Combine(dir, "float.rtm"));
            WeightFormat[] formats = [WeightFormat.Fp32, WeightFormat.Fp32, WeightFormat.Fp32];
            byte[] Run(string name, float estoiWeight)
            {
                TrainOptions o = FineTuneOptions.For(start, "", Path.Combine(dir, name, "best.rtm"), 1, 9, 1e-3f, 4f, estoiWeight) with
                {
                    BatchSize = 64,
                    MixturesPerEpoch = 8,
                    MixturesPerChunk = 4,
                    SegmentSeconds = 1,
                    WarmupSteps = 2,
                    ValidationMixtures = 2,
                };
                var t = new Trainer(o, TextWriter.Null, null, new FineTuneStart(start, formats));
                List<EpochRecord> h = t.Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
                Assert.True(double.IsFinite(h[^1].ValidationLoss));
                return File.ReadAllBytes(Path.Combine(t.EpochDir, "epoch-001.rtm"));
            }

            byte[] plain = Run("plain", 0f), withEstoi = Run("estoi", 1f), again = Run("estoi2", 1f);
            Assert.NotEqual(plain, withEstoi);
            Assert.Equal(withEstoi, again);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Fine_tuning_rejects_a_model_whose_geometry_differs_from_the_options()
    {
        string dir = TinyTrainingSetup.TempDir("rtdn-ft");
        try
        {
            new Trainer(TinyTrainingSetup.Options(Path.Combine(dir, "float.rtm"), 1), TextWriter.Null).Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            RtmModel start = RtmModel.Load(Path.Combine(dir, "float.rtm"));
            TrainOptions wrong = TinyTrainingSetup.Options(Path.Combine(dir, "x", "best.rtm"), 1) with { Context = 3 };
            var trainer = new Trainer(wrong, TextWriter.Null, null,
                new FineTuneStart(start, [WeightFormat.Vbs(3), WeightFormat.Vbs(3), WeightFormat.Vbs(3)]));
            Assert.Throws<ArgumentException>(() => trainer.Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
