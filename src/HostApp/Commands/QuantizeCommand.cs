using System.CommandLine;
using RtDenoise.Engine.Model;
using RtDenoise.HostApp.Cli;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Model;
using RtDenoise.Training;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// <c>rtdenoise quantize IN.rtm OUT.rtm --format vbs4 | --layers "vbs4,vbs3,int6" | --budget-kb K</c>: post-training
/// quantization of a float model, one format for every layer, one per layer ("fp32" keeps a layer float),
/// or an automatic per-layer choice whose total model memory stays within K KiB (<see cref="BudgetSearch"/>). The
/// output is written atomically (temporary file, then rename) and its memory is printed as <c>model-info</c> does.
/// With <c>--finetune --data DIR</c> the weights are first fine-tuned through the chosen formats with a
/// straight-through estimator (<see cref="QuantFineTune"/>).
/// </summary>
public static class QuantizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Float model (.rtm) to quantize" };
        var output = new Argument<string>("out") { Description = "Quantized model to write (.rtm)" };
        var format = new Option<string?>("--format") { Description = "One weight format for every layer: fixed<b>, vbs<b>[s<S>][g<G>], int<b>[b<B>], lut<b>[r] (b = 2..8)" };
        var layers = new Option<string?>("--layers") { Description = "Comma-separated formats, one per layer, e.g. \"vbs4,vbs3,int6\" (fp32 keeps a layer)" };
        var budget = new Option<double?>("--budget-kb") { Description = "Automatic mixed precision: total model memory (codes, metadata, biases, normalisation) at most K KiB (1 KiB = 1024 bytes)" };
        var finetune = new Option<bool>("--finetune") { Description = "Quantization-aware fine-tuning (straight-through estimator) on --data before writing" };
        var data = new Option<string?>("--data") { Description = "Corpus folder for --finetune (MANIFEST.tsv, speech/, noise/, rir/), e.g. ../shared/data" };
        var epochs = new Option<int>("--finetune-epochs") { Description = "Fine-tuning epochs (160 mixtures each)", DefaultValueFactory = _ => FineTuneOptions.DefaultEpochs };
        var lr = new Option<float>("--finetune-lr") { Description = "Peak fine-tuning learning rate (AdamW, cosine decay)", DefaultValueFactory = _ => FineTuneOptions.DefaultLearningRate };
        var under = new Option<float>("--under-weight") { Description = "Fine-tuning loss: extra penalty on under-estimated speech (λ)", DefaultValueFactory = _ => 4f };
        var estoi = new Option<float>("--estoi-weight") { Description = "Fine-tuning loss: weight of the ESTOI-like segment correlation term (0 = off)", DefaultValueFactory = _ => 0f };
        var seed = new Option<int>("--seed") { Description = "Fine-tuning seed (the run is deterministic for a seed)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "With --finetune: print the validation figures as one JSON object" };
        EmptyPathCheck.AddTo("quantize", input, output);
        var cmd = new Command("quantize", "Quantize a float model's weights to low-bit formats");
        cmd.Arguments.Add(input);
        cmd.Arguments.Add(output);
        foreach (Option o in new Option[] { format, layers, budget, finetune, data, epochs, lr, under, estoi, seed, json })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(parseResult => CommandGuard.Run(() =>
        {
            string inPath = parseResult.GetValue(input)!;
            string outPath = parseResult.GetValue(output)!;
            bool tune = parseResult.GetValue(finetune);
            string? dataDir = parseResult.GetValue(data);
            if (tune && string.IsNullOrEmpty(dataDir))
            {
                throw new UserInputException("--finetune needs --data DIR (the training corpus, e.g. ../shared/data).");
            }

            if (!tune && (dataDir is not null || parseResult.GetValue(json)))
            {
                throw new UserInputException("--data and --json apply only with --finetune.");
            }

            RtmModel model = RtmModel.Load(inPath);
            double? budgetKb = parseResult.GetValue(budget);
            IReadOnlyList<WeightFormat> formats = budgetKb is { } kb
                ? FormatsForBudget(parseResult.GetValue(format), parseResult.GetValue(layers), kb, model)
                : ResolveFormats(parseResult.GetValue(format), parseResult.GetValue(layers), model);
            InputOverwriteGuard.Refuse("output", outPath, "the input model", inPath);

            if (tune)
            {
                QuantFineTune.Run(model, formats, outPath, new QuantFineTune.Settings(dataDir!, parseResult.GetValue(epochs),
                    parseResult.GetValue(seed), parseResult.GetValue(lr), parseResult.GetValue(under), parseResult.GetValue(estoi), parseResult.GetValue(json)));
                return ExitCodes.Ok;
            }

            RtmModel quantized = Quantize(model, formats);
            RtmWriter.Write(outPath, quantized);
            Console.Out.WriteLine(ModelInfoCommand.ToTable(quantized));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>Checks the input is float and quantizes it.</summary>
    public static RtmModel Quantize(RtmModel model, IReadOnlyList<WeightFormat> formats)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            if (model.Layers[i].IsQuantized)
            {
                throw new UserInputException(
                    $"{model.Source}: layer {i} is already '{model.Layers[i].Format}'; quantize from the fp32 model (e.g. models/denoiser-fp32.rtm).");
            }
        }

        return ModelQuantizer.Quantize(model, formats);
    }

    /// <summary>The budget search, for <c>--budget-kb</c> given alone.</summary>
    public static IReadOnlyList<WeightFormat> FormatsForBudget(string? format, string? layers, double budgetKb, RtmModel model)
    {
        if (format is not null || layers is not null)
        {
            throw new UserInputException("give only one of --format, --layers or --budget-kb.");
        }

        if (!double.IsFinite(budgetKb) || budgetKb <= 0)
        {
            throw new UserInputException($"--budget-kb must be a positive number of KiB (got {budgetKb}).");
        }

        foreach (RtmLayer l in model.Layers)
        {
            if (l.IsQuantized)
            {
                throw new UserInputException($"{model.Source}: layer {l.In}→{l.Out} is already '{l.Format}'; quantize from the fp32 model.");
            }
        }

        long bytes = (long)Math.Floor(budgetKb * 1024);
        BudgetSearch.Choice choice = BudgetSearch.Search(model, bytes)
            ?? throw new UserInputException($"--budget-kb {budgetKb}: even 2-bit weights in every layer need more than {bytes} bytes for this model.");
        Console.Error.WriteLine($"budget {bytes} bytes: chose {string.Join(",", choice.Formats)} ({choice.TotalBytes} bytes, weight-noise proxy {-10 * Math.Log10(Math.Max(choice.Proxy, 1e-30)):0.0} dB)");
        return choice.Formats;
    }

    /// <summary>Exactly one of <c>--format</c> / <c>--layers</c>; every name must parse; one per layer.</summary>
    public static IReadOnlyList<WeightFormat> ResolveFormats(string? format, string? layers, RtmModel model)
    {
        if ((format is null) == (layers is null))
        {
            throw new UserInputException("give exactly one of --format FORMAT (all layers), --layers \"F1,F2,...\" (one per layer) or --budget-kb K.");
        }

        if (format is not null)
        {
            WeightFormat f = ParseFormat(format, "--format");
            return [.. Enumerable.Repeat(f, model.Layers.Count)];
        }

        string[] names = layers!.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length != model.Layers.Count)
        {
            throw new UserInputException(
                $"--layers lists {names.Length} formats but the model has {model.Layers.Count} layers ({string.Join(", ", model.Layers.Select(l => $"{l.In}→{l.Out}"))}).");
        }

        return [.. names.Select((n, i) => ParseFormat(n, $"--layers entry {i + 1}"))];
    }

    private static WeightFormat ParseFormat(string text, string where) =>
        WeightFormat.TryParse(text, out WeightFormat f, out string? error)
            ? f
            : throw new UserInputException($"{where}: weight format '{text}' is invalid: {error}.");
}
