using System.CommandLine;
using RtDenoise.Engine;
using RtDenoise.Engine.Chain;
using RtDenoise.HostApp.Cli;

namespace RtDenoise.HostApp.Options;

/// <summary>The `--processor` and `--model` options every audio command shares, and their resolution.</summary>
public sealed class ProcessorOptions
{
    public Option<string?> Processor { get; } = new("--processor")
    {
        Description = "dnn (the shipped model), classic (Wiener + minimum statistics), speex (libspeexdsp suppressor, -15 dB, 10 ms frames) or bypass (STFT round trip). Default: dnn when a model is available, else classic.",
    };

    public Option<FileInfo?> Model { get; } = new("--model")
    {
        Description = "Model file (.rtm) for the dnn processor. Default: models/denoiser.rtm or models/denoiser-fp32.rtm.",
    };

    public Option<float?> AttenLim { get; } = new("--atten-lim")
    {
        Description = "The most any frequency bin is attenuated, in dB (0..100; 100 = no limit). The same control as the LADSPA plugin's port. For speex it is its maximum noise attenuation. Default: the model's own for dnn (models/MODEL_CARD.md), 15 dB for speex, none otherwise.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Processor);
        command.Options.Add(Model);
        command.Options.Add(AttenLim);
    }

    /// <summary>The validated --atten-lim value (null when absent).</summary>
    public float? AttenuationLimit(ParseResult parse)
    {
        float? limit = parse.GetValue(AttenLim);
        if (limit is float v && !(v >= 0f && v <= 100f))
        {
            throw new UserInputException($"--atten-lim {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be a number of dB in 0..100 (100 = no limit).");
        }

        return limit;
    }

    /// <summary>Validates the choice and returns a factory of denoisers for a sample rate.</summary>
    public Func<int, Denoiser> Resolve(ParseResult parse)
    {
        string? processor = parse.GetValue(Processor);
        FileInfo? model = parse.GetValue(Model);
        if (processor is not null && !DenoiserFactory.ProcessorNames.Contains(processor))
        {
            throw new UserInputException($"--processor '{processor}' is unknown; expected one of: {string.Join(", ", DenoiserFactory.ProcessorNames)}.");
        }

        if (model is not null && !model.Exists)
        {
            throw new UserInputException($"--model '{model.FullName}' does not exist.");
        }

        if (model is not null && processor is not null && processor != "dnn")
        {
            throw new UserInputException($"--model applies to the dnn processor, not to '{processor}'.");
        }

        float? limit = AttenuationLimit(parse);
        string chosen = processor ?? (model is not null || ModelLocator.FindDefault() is not null ? "dnn" : "classic");

        if (processor is null && chosen == "classic")
        {
            Serilog.Log.Warning("no model found ({Candidates}); using the classic processor", string.Join(", ", ModelLocator.DefaultCandidates()));
        }

        string? modelPath = model?.FullName;

        // Build one now so a bad model (or a missing libspeexdsp) fails before any output file is created.
        try
        {
            DenoiserFactory.Create(chosen, modelPath, 16000, limit).Dispose();
        }
        catch (InvalidChainSpecException ex)
        {
            throw new UserInputException($"--processor {chosen}: {ex.Message}");
        }

        return rate => DenoiserFactory.Create(chosen, modelPath, rate, limit);
    }

    /// <summary><see cref="Resolve"/> as a factory of chain processors (for commands that also accept --chain).</summary>
    public Func<int, IAudioProcessor> ResolveProcessor(ParseResult parse)
    {
        Func<int, Denoiser> denoiser = Resolve(parse);
        return rate => new DenoiserProcessor(denoiser(rate));
    }
}
