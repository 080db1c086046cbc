using RtDenoise.Engine.Model;

namespace RtDenoise.Training.Tests;

public sealed class TinyTrainingTests
{
    [Fact]
    public void Tiny_model_trains_and_its_loss_falls()
    {
        string dir = TinyTrainingSetup.TempDir("rtdn-tiny");
        try
        {
            var history = new Trainer(TinyTrainingSetup.Options(Path.Combine(dir, "tiny.rtm"), 6), TextWriter.Null).Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            Assert.Equal(6, history.Count);
            Assert.True(history[^1].TrainLoss < 0.8 * history[0].TrainLoss,
                $"train loss {history[0].TrainLoss} → {history[^1].TrainLoss}");
            Assert.True(history.Min(h => h.ValidationLoss) < history[0].ValidationLoss);
            RtmModel m = RtmModel.Load(Path.Combine(dir, "tiny.rtm"));
            Assert.Equal(3, m.Layers.Count);
            Assert.True(File.Exists(Path.Combine(dir, "tiny.curve.png")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_models_and_resume_continues_exactly()
    {
        string a = TinyTrainingSetup.TempDir("rtdn-tiny"), b = TinyTrainingSetup.TempDir("rtdn-tiny");
        try
        {
            new Trainer(TinyTrainingSetup.Options(Path.Combine(a, "tiny.rtm"), 3), TextWriter.Null).Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            new Trainer(TinyTrainingSetup.Options(Path.Combine(b, "tiny.rtm"), 3), TextWriter.Null).Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2), stopAfterEpoch: 2);
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(a, "tiny.rtm.epochs", "epoch-002.rtm")),
                File.ReadAllBytes(Path.Combine(b, "tiny.rtm.epochs", "epoch-002.rtm")));
            Assert.False(File.Exists(Path.Combine(b, "tiny.rtm.epochs", "epoch-003.rtm")));
            string ckpt = Path.Combine(b, "tiny.rtm.ckpt");
            new Trainer(TinyTrainingSetup.Options(Path.Combine(b, "tiny.rtm"), 3) with { ResumePath = ckpt }, TextWriter.Null).Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            byte[] straight = File.ReadAllBytes(Path.Combine(a, "tiny.rtm.epochs", "epoch-003.rtm"));
            byte[] resumed = File.ReadAllBytes(Path.Combine(b, "tiny.rtm.epochs", "epoch-003.rtm"));
            Assert.Equal(straight, resumed);
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Fact]
    public void Intelligibility_selection_records_a_score_per_epoch_and_the_noisy_input_scores_below_clean()
    {
        string dir = TinyTrainingSetup.TempDir("rtdn-tiny");
        try
        {
            var scorer = new IntelligibilityScorer { MaxMixtures = 2 };
            var history = new Trainer(TinyTrainingSetup.Options(Path.Combine(dir, "tiny.rtm"), 2) with { SegmentSeconds = 2 }, TextWriter.Null, scorer)
                .Run(TinyCorpus.Make(1, 3), TinyCorpus.Make(2, 2));
            Assert.All(history, h => Assert.InRange(h.ValidationScore!.Value, -1.0, 1.0));

            // The streaming helper returns input-aligned output: a model that passes everything through (gain 1
            // from a huge output bias) reproduces the input, so its score equals the noisy input's.
            var m = RtDenoise.Engine.Model.RtmModel.Load(Path.Combine(dir, "tiny.rtm"));
            float[] x = Enumerable.Range(0, 8000).Select(i => MathF.Sin(i * 0.05f) * 0.3f).ToArray();
            var layers = m.Layers.ToList();
            var (w, b) = layers[^1].DecodeFp32();
            Array.Clear(w);
            Array.Fill(b, 60f);
            layers[^1] = RtDenoise.Engine.Model.RtmLayer.FromFp32(layers[^1].In, layers[^1].Out, layers[^1].Activation, w, b);
            RtDenoise.Engine.Model.RtmModel pass = m.WithLayers(layers);
            float[] y = IntelligibilityScorer.Enhance(pass, x);
            Assert.Equal(x.Length, y.Length);
            for (int i = 200; i < x.Length - 200; i++)
            {
                Assert.True(Math.Abs(x[i] - y[i]) < 1e-3, $"sample {i}: {x[i]} vs {y[i]}");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
