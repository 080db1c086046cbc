using RtDenoise.Engine.Model;
using RtDenoise.Engine.Processing;
using RtDenoise.Engine.Speex;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine;

/// <summary>Builds a <see cref="Denoiser"/> for a processor name ("dnn", "classic", "bypass", "speex") and optional model path.</summary>
public static class DenoiserFactory
{
    /// <summary>The model rate and STFT geometry of the non-DNN processors: 16 kHz, 16 ms window, 8 ms hop.</summary>
    public static readonly StftLayout ClassicLayout = new(WindowLength: 256, Hop: 128, FftSize: 256, SampleRate: 16000);

    // 1 once the RTDENOISE_KERNEL warning has been logged: a command may build several denoisers, say it once.
    private static int _overrideWarned;

    public static IReadOnlyList<string> ProcessorNames { get; } = ["dnn", "classic", "bypass", "speex"];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> LoggedKernelLines = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a denoiser. <paramref name="modelPath"/> is used by "dnn" (null = the shipped default, see
    /// <see cref="ModelLocator"/>).
    /// </summary>
    public static Denoiser Create(string processor, string? modelPath, int sampleRate) => Create(processor, modelPath, sampleRate, null);

    /// <summary>As <see cref="Create(string, string?, int)"/>; <paramref name="attenuationLimitDb"/> sets the
    /// denoiser's <see cref="Denoiser.AttenuationLimitDb"/> (null = the processor's default; 100 = none).</summary>
    public static Denoiser Create(string processor, string? modelPath, int sampleRate, float? attenuationLimitDb)
    {
        Denoiser denoiser = processor switch
        {
            "bypass" => new Denoiser(sampleRate, ClassicLayout, new BypassProcessor()),
            "classic" => new Denoiser(sampleRate, ClassicLayout, new ClassicWienerProcessor()),
            "dnn" => CreateDnn(modelPath, sampleRate, attenuationLimitDb),

            // The classical baseline: Speex at -15 dB in 10 ms frames at the stream's rate (time domain, no STFT here).
            "speex" => new Denoiser(sampleRate, new SpeexProcessor(SpeexProcessor.DefaultSuppressDb)),
            _ => throw new ArgumentException(
                $"unknown processor '{processor}'; expected one of: {string.Join(", ", ProcessorNames)}.", nameof(processor)),
        };
        if (attenuationLimitDb is float limit)
        {
            denoiser.AttenuationLimitDb = limit;
        }

        return denoiser;
    }

    private static Denoiser CreateDnn(string? modelPath, int sampleRate, float? attenuationLimitDb)
    {
        string path = modelPath ?? ModelLocator.FindDefault()
            ?? throw new InvalidModelException(
                $"no model file: none of {string.Join(", ", ModelLocator.DefaultCandidates())} exists; pass --model PATH or use --processor classic.");
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"model file '{path}' does not exist.");
        }

        return CreateDnn(Model.LoadedModels.Get(path), sampleRate, attenuationLimitDb);
    }

    /// <summary>A DNN denoiser from an already loaded model (e.g. one embedded in the LADSPA plugin), with the
    /// model's default attenuation limit unless <paramref name="attenuationLimitDb"/> is given.</summary>
    public static Denoiser CreateDnn(Model.RtmModel model, int sampleRate, float? attenuationLimitDb = null)
    {
        if (Kernels.MatVec.KernelDispatch.OverrideWarning is { } warning && Interlocked.Exchange(ref _overrideWarned, 1) == 0)
        {
            // A mistyped RTDENOISE_KERNEL must not pass silently: the user thinks a path is forced and it is not.
            Serilog.Log.Warning("{Warning}", warning);
        }

        var processor = new Model.DnnSpectralProcessor(model);

        if (processor.QuantizedKernelPath is { } kernel && LoggedKernelLines.TryAdd(model.Source, 0))
        {
            // Once per process and model (never per frame, nor per file or probe): which packed-weight kernel the
            // quantized layers run on.
            Serilog.Log.Debug("Model {Model}: layer formats {Formats}, {Kernel}", model.Source,
                string.Join(",", model.Layers.Select(l => l.Format)), kernel);
        }

        var denoiser = new Denoiser(sampleRate, model.Layout, processor);
        if (attenuationLimitDb is float limit)
        {
            denoiser.AttenuationLimitDb = limit;
        }

        return denoiser;
    }
}
