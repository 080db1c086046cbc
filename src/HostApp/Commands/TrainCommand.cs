using System.CommandLine;
using RtDenoise.HostApp.Cli;
using RtDenoise.Training;
using RtDenoise.Training.Data;

namespace RtDenoise.HostApp.Commands;

/// <summary><c>rtdenoise train --data DIR --out MODEL [--epochs N] [--seed S] [--resume CKPT]</c>.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Corpus folder with MANIFEST.tsv, speech/, noise/, rir/", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write (.rtm); MODEL.ckpt, MODEL.epochs/ and MODEL.curve.png go beside it", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the run is deterministic for a seed)", DefaultValueFactory = _ => 1 };
        var resume = new Option<string?>("--resume") { Description = "Checkpoint to continue from (MODEL.ckpt)" };
        var mixtures = new Option<int>("--mixtures-per-epoch") { Description = "4-second mixtures generated per epoch", DefaultValueFactory = _ => 160 };
        var hidden = new Option<int>("--hidden") { Description = "Width of the two hidden layers (the shipped model's)", DefaultValueFactory = _ => new TrainOptions().Hidden[0] };
        var context = new Option<int>("--context") { Description = "Frames of context (current + past)", DefaultValueFactory = _ => new TrainOptions().Context };
        var under = new Option<float>("--under-weight") { Description = "Extra penalty on under-estimated speech (λ)", DefaultValueFactory = _ => new TrainOptions().UnderWeight };
        var floor = new Option<float>("--floor-db") { Description = "Gain floor in dB", DefaultValueFactory = _ => new TrainOptions().GainFloorDb };
        var dropout = new Option<float>("--dropout") { Description = "Dropout on hidden layers", DefaultValueFactory = _ => new TrainOptions().Dropout };
        var decay = new Option<float>("--weight-decay") { Description = "Decoupled weight decay (AdamW)", DefaultValueFactory = _ => new TrainOptions().WeightDecay };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate", DefaultValueFactory = _ => new TrainOptions().LearningRate };
        var features = new Option<string>("--features") { Description = "Input features: noise-aware (level-normalised log power + a-posteriori SNR; level-invariant) or absolute (log power, format kind 1)", DefaultValueFactory = _ => "noise-aware" };
        features.AcceptOnlyFromAmong("noise-aware", "absolute");
        var levelTau = new Option<float>("--level-tau") { Description = "Running-level time constant of noise-aware features, seconds", DefaultValueFactory = _ => RtDenoise.Engine.Model.FeatureSpec.DefaultLevelTauSeconds };
        var estoiWeight = new Option<float>("--estoi-weight") { Description = "Weight of the ESTOI-like segment loss (0 = off)", DefaultValueFactory = _ => new TrainOptions().EstoiWeight };
        var selectBy = new Option<string>("--select-by") { Description = "Checkpoint selection: intelligibility (validation STOI/ESTOI) or loss", DefaultValueFactory = _ => "intelligibility" };
        selectBy.AcceptOnlyFromAmong("intelligibility", "loss");
        var cmd = new Command("train", "Train the denoising network on a corpus");
        foreach (Option o in new Option[] { data, output, epochs, seed, resume, mixtures, hidden, context, under, floor, dropout, decay, lr, features, levelTau, estoiWeight, selectBy })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(parseResult => CommandGuard.Run(() =>
        {
            string dir = parseResult.GetValue(data)!;
            string outPath = parseResult.GetValue(output)!;
            string? ckpt = parseResult.GetValue(resume);
            if (!File.Exists(Path.Combine(dir, "MANIFEST.tsv")))
            {
                throw new UserInputException($"--data {dir}: no MANIFEST.tsv there (expected the shared corpus folder).");
            }

            if (ckpt != null && !File.Exists(ckpt))
            {
                throw new UserInputException($"--resume {ckpt}: checkpoint not found.");
            }

            int e = parseResult.GetValue(epochs);
            if (e < 1 || parseResult.GetValue(mixtures) < 8 || parseResult.GetValue(hidden) < 8 || parseResult.GetValue(context) < 1
                || !(parseResult.GetValue(dropout) is >= 0 and < 0.9f) || !(parseResult.GetValue(lr) is > 0 and <= 0.1f))
            {
                throw new UserInputException("--epochs ≥ 1, --mixtures-per-epoch ≥ 8, --hidden ≥ 8, --context ≥ 1, 0 ≤ --dropout < 0.9 and 0 < --lr ≤ 0.1 are required.");
            }

            // Written as "not inside the range" so that NaN, which fails every comparison, is refused too.
            Require(parseResult.GetValue(floor) is >= -80f and <= -1f, $"--floor-db {Text(parseResult.GetValue(floor))}: expected -80..-1 dB (a gain floor is an attenuation).");
            Require(parseResult.GetValue(decay) is >= 0f and < 1f, $"--weight-decay {Text(parseResult.GetValue(decay))}: expected 0 ≤ value < 1.");
            Require(parseResult.GetValue(under) is >= 0f and <= 100f, $"--under-weight {Text(parseResult.GetValue(under))}: expected 0..100.");
            Require(parseResult.GetValue(estoiWeight) is >= 0f and <= 10f, $"--estoi-weight {Text(parseResult.GetValue(estoiWeight))}: expected 0..10.");
            Require(parseResult.GetValue(levelTau) is >= 0.05f and <= 60f, $"--level-tau {Text(parseResult.GetValue(levelTau))}: expected 0.05..60 s.");

            TrainOptions options = ckpt != null
                ? LoadCheckpoint(ckpt).Options with { ResumePath = ckpt, OutPath = outPath, DataDir = dir, Epochs = e }
                : new TrainOptions
                {
                    DataDir = dir,
                    OutPath = outPath,
                    Epochs = e,
                    Seed = parseResult.GetValue(seed),
                    MixturesPerEpoch = parseResult.GetValue(mixtures),
                    Hidden = [parseResult.GetValue(hidden), parseResult.GetValue(hidden)],
                    Context = parseResult.GetValue(context),
                    UnderWeight = parseResult.GetValue(under),
                    GainFloorDb = parseResult.GetValue(floor),
                    Dropout = parseResult.GetValue(dropout),
                    WeightDecay = parseResult.GetValue(decay),
                    LearningRate = parseResult.GetValue(lr),
                    FeatureKind = parseResult.GetValue(features) == "absolute" ? RtDenoise.Engine.Model.RtmFormat.FeatureLogPower : RtDenoise.Engine.Model.RtmFormat.FeatureLevelNormalisedNoiseAware,
                    LevelTauSeconds = parseResult.GetValue(levelTau),
                    EstoiWeight = parseResult.GetValue(estoiWeight),
                };
            Console.Out.WriteLine($"loading corpus from {dir} ...");
            var (train, validation) = Corpus.Load(dir);
            IValidationScorer? scorer = parseResult.GetValue(selectBy) == "loss" ? null : new IntelligibilityScorer();
            new Trainer(options, Console.Out, scorer).Run(train, validation);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new UserInputException(message);
        }
    }

    private static string Text(float v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Checkpoint LoadCheckpoint(string path)
    {
        try
        {
            return Checkpoint.Load(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or System.Text.Json.JsonException or IOException)
        {
            throw new UserInputException($"--resume {path}: not a usable training checkpoint ({ex.Message.TrimEnd('.')}).");
        }
    }
}
