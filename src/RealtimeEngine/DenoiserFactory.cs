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

    /// <summary>
    /// Creates a denoiser. <paramref name="modelPath"/> is used by "dnn" (null = the shipped default, see
    /// <see cref="ModelLocator"/>).
    /// </summary>
    public static Denoiser Create(string processor, string? modelPath, int sampleRate)
    {
        return processor switch
        {
            "bypass" => new Denoiser(sampleRate, ClassicLayout, new BypassProcessor()),
            "classic" => new Denoiser(sampleRate, ClassicLayout, new ClassicWienerProcessor()),
            "dnn" => CreateDnn(modelPath, sampleRate),

            // The classical baseline: Speex at -15 dB in 10 ms frames at the stream's rate (time domain, no STFT here).
            "speex" => new Denoiser(sampleRate, new SpeexProcessor(SpeexProcessor.DefaultSuppressDb)),
            _ => throw new ArgumentException(
                $"unknown processor '{processor}'; expected one of: {string.Join(", ", ProcessorNames)}.", nameof(processor)),
        };
    }

    private static Denoiser CreateDnn(string? modelPath, int sampleRate)
    {
        string path = modelPath ?? ModelLocator.FindDefault()
            ?? throw new InvalidModelException(
                $"no model file: none of {string.Join(", ", ModelLocator.DefaultCandidates())} exists; pass --model PATH or use --processor classic.");
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"model file '{path}' does not exist.");
        }

        return CreateDnn(Model.RtmModel.Load(path), sampleRate);
    }

    /// <summary>A DNN denoiser from an already loaded model (e.g. one embedded in the LADSPA plugin).</summary>
    public static Denoiser CreateDnn(Model.RtmModel model, int sampleRate)
    {
        if (Kernels.MatVec.KernelDispatch.OverrideWarning is { } warning && Interlocked.Exchange(ref _overrideWarned, 1) == 0)
        {
            // A mistyped RTDENOISE_KERNEL must not pass silently: the user thinks a path is forced and it is not.
            Serilog.Log.Warning("{Warning}", warning);
        }

        var processor = new Model.DnnSpectralProcessor(model);
        if (processor.QuantizedKernelPath is { } kernel)
        {
            // Once per engine start (never per frame): the kernel plan, i.e. each quantized layer's path and timings.
            Serilog.Log.Debug("Model {Model}: layer formats {Formats}, {Kernel}", model.Source,
                string.Join(",", model.Layers.Select(l => l.Format)), kernel);
        }

        return new Denoiser(sampleRate, model.Layout, processor);
    }
}
