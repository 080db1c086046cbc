using System.Globalization;
using System.Text.Json;
using RtDenoise.Engine.Model;
using RtDenoise.HostApp.Cli;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Model;
using RtDenoise.Training;
using RtDenoise.Training.Data;
using RtDenoise.Training.Mixing;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// <c>rtdenoise quantize IN OUT ... --finetune --data DIR</c>: quantization-aware fine-tuning with the
/// trainer's mixing, loss and AdamW (<see cref="Trainer"/> + <see cref="FineTuneStart"/>), then the final float
/// shadow weights re-quantized to the chosen formats. Reports the trainer's validation STOI/ESTOI (its first
/// <see cref="IntelligibilityScorer.MaxMixtures"/> validation mixtures, the start of the devset) of the float
/// model, the plain quantization (before) and the fine-tuned quantization (after).
/// </summary>
public static class QuantFineTune
{
    public sealed record Settings(string DataDir, int Epochs, int Seed, float LearningRate, float UnderWeight, float EstoiWeight, bool Json);

    public static void Run(RtmModel model, IReadOnlyList<WeightFormat> formats, string outPath, Settings s)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(s);
        Validate(model, s);
        TextWriter log = s.Json ? Console.Error : Console.Out;
        string work = outPath + ".finetune";
        TrainOptions options = FineTuneOptions.For(model, s.DataDir, Path.Combine(work, "best.rtm"), s.Epochs, s.Seed,
            s.LearningRate, s.UnderWeight, s.EstoiWeight);
        log.WriteLine($"loading corpus from {s.DataDir} ...");
        (CorpusPart train, CorpusPart validation) = LoadCorpus(s.DataDir);
        // The trainer's own validation profile (real devices), so the figures printed here are the ones it selects by.
        List<Mixture> valMix = DevSet.Generate(validation, options.ValidationMixtures, DevSet.Seed, MixingOptions.RealDevices);
        var scorer = new IntelligibilityScorer();

        RtmModel plain = QuantizeCommand.Quantize(model, formats);
        (double Stoi, double Estoi) fp32 = scorer.Measure(model, valMix);
        (double Stoi, double Estoi) before = scorer.Measure(plain, valMix);

        var trainer = new Trainer(options, log, scorer, new FineTuneStart(model, formats));
        List<EpochRecord> history = trainer.Run(train, validation, valMix);
        RtmModel tuned = RtmModel.Load(Path.Combine(trainer.EpochDir, $"epoch-{s.Epochs:D3}.rtm"));
        (double Stoi, double Estoi) after = scorer.Measure(tuned, valMix);
        RtmWriter.Write(outPath, tuned);

        CultureInfo inv = CultureInfo.InvariantCulture;
        string fmt = string.Join(",", formats);
        double lossBefore = trainer.StartValidationLoss ?? double.NaN, lossAfter = history[^1].ValidationLoss;
        if (s.Json)
        {
            // Written field by field (no reflection: the command is also published as NativeAOT).
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("formats", fmt);
                w.WriteNumber("epochs", s.Epochs);
                w.WriteNumber("seed", s.Seed);
                w.WriteNumber("lr", s.LearningRate);
                w.WriteNumber("under_weight", s.UnderWeight);
                w.WriteNumber("estoi_weight", s.EstoiWeight);
                w.WriteNumber("validation_mixtures", Math.Min(scorer.MaxMixtures, valMix.Count));
                WriteScores(w, "fp32", fp32.Stoi, fp32.Estoi, null);
                WriteScores(w, "before", before.Stoi, before.Estoi, lossBefore);
                WriteScores(w, "after", after.Stoi, after.Estoi, lossAfter);
                w.WriteNumber("bits_per_weight", Math.Round(tuned.BitsPerWeight, 4));
                w.WriteNumber("total_bytes", tuned.TotalBytes);
                w.WriteString("work_dir", work);
                w.WriteEndObject();
            }

            Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        Console.Out.WriteLine(ModelInfoCommand.ToTable(tuned));
        Console.Out.WriteLine($"validation ({Math.Min(scorer.MaxMixtures, valMix.Count)} mixtures of the trainer's validation set, {fmt}):");
        Console.Out.WriteLine("  model                      STOI     ESTOI    loss");
        Console.Out.WriteLine(string.Format(inv, "  fp32 (input)               {0:0.0000}   {1:0.0000}", fp32.Stoi, fp32.Estoi));
        Console.Out.WriteLine(string.Format(inv, "  quantized                  {0:0.0000}   {1:0.0000}   {2:0.00000}", before.Stoi, before.Estoi, lossBefore));
        Console.Out.WriteLine(string.Format(inv, "  fine-tuned, {0,3} epochs     {1:0.0000}   {2:0.0000}   {3:0.00000}", s.Epochs, after.Stoi, after.Estoi, lossAfter));
        Console.Out.WriteLine($"wrote {outPath} (per-epoch models, learning curve: {work}/)");
    }

    private static void Validate(RtmModel model, Settings s)
    {
        if (s.Epochs is < 1 or > 1000)
        {
            throw new UserInputException($"--finetune-epochs {s.Epochs} must be 1..1000.");
        }

        if (!float.IsFinite(s.LearningRate) || s.LearningRate <= 0 || s.LearningRate > 0.1f)
        {
            throw new UserInputException($"--finetune-lr {s.LearningRate.ToString(CultureInfo.InvariantCulture)} must be in (0, 0.1].");
        }

        if (!float.IsFinite(s.UnderWeight) || s.UnderWeight < 0)
        {
            throw new UserInputException("--under-weight must be a finite number ≥ 0.");
        }

        if (!float.IsFinite(s.EstoiWeight) || s.EstoiWeight < 0)
        {
            throw new UserInputException("--estoi-weight must be a finite number ≥ 0.");
        }

        if (model.Layers.Count < 2 || model.Layers[^1].Activation != Activation.Sigmoid
            || model.Layers.Take(model.Layers.Count - 1).Any(l => l.Activation != Activation.Relu))
        {
            throw new UserInputException($"{model.Source}: fine-tuning needs the trainer's network (ReLU hidden layers, sigmoid output).");
        }
    }

    private static (CorpusPart Train, CorpusPart Validation) LoadCorpus(string dir)
    {
        if (!File.Exists(Path.Combine(dir, "MANIFEST.tsv")))
        {
            throw new UserInputException($"--data {dir}: no MANIFEST.tsv there (expected the shared corpus folder, e.g. ../shared/data).");
        }

        try
        {
            (CorpusPart train, CorpusPart validation) = Corpus.Load(dir);
            if (train.Speakers.Count == 0 || validation.Speakers.Count == 0 || train.Noise.Count == 0 || validation.Noise.Count == 0)
            {
                throw new UserInputException($"--data {dir}: the corpus has no training or no validation speech/noise.");
            }

            return (train, validation);
        }
        catch (Exception ex) when (ex is AggregateException or InvalidDataException or FormatException or IOException
            or ArgumentException or KeyNotFoundException or IndexOutOfRangeException)
        {
            Exception inner = ex is AggregateException a ? a.Flatten().InnerExceptions[0] : ex;
            throw new UserInputException($"--data {dir}: the corpus could not be read: {inner.Message}");
        }
    }

    private static void WriteScores(Utf8JsonWriter w, string name, double stoi, double estoi, double? loss)
    {
        w.WriteStartObject(name);
        w.WriteNumber("stoi", stoi);
        w.WriteNumber("estoi", estoi);
        if (loss is { } l)
        {
            if (double.IsFinite(l))
            {
                w.WriteNumber("loss", l);
            }
            else
            {
                w.WriteNull("loss");
            }
        }

        w.WriteEndObject();
    }
}
