using RtDenoise.Engine;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Ladspa;
using RtDenoise.Engine.Speex;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.Offline.Chain;

/// <summary>Turns parsed chain elements into processors. <c>dnn</c> uses <see cref="ModelPath"/> (null = shipped default).</summary>
public sealed class ChainFactory(string? modelPath = null)
{
    public string? ModelPath { get; } = modelPath;

    /// <summary>Builds an unconfigured chain (call <see cref="IAudioProcessor.Configure"/> with the stream's rate).</summary>
    /// <exception cref="InvalidChainSpecException">an element cannot be built; the message names its token.</exception>
    public ProcessorChain Build(IReadOnlyList<ChainElementSpec> elements)
    {
        var built = new List<IAudioProcessor>();
        try
        {
            foreach (ChainElementSpec e in elements)
            {
                built.Add(Create(e));
            }

            return new ProcessorChain(built);
        }
        catch
        {
            foreach (IAudioProcessor p in built)
            {
                p.Dispose();
            }

            throw;
        }
    }

    public IAudioProcessor Create(ChainElementSpec e)
    {
        try
        {
            return e.Kind switch
            {
                "dnn" => new DenoiserProcessor(e.Kind, rate => DenoiserFactory.Create(e.Kind, ModelPath, rate, AttenuationLimit(e.Value))),
                "classic" or "bypass" => new DenoiserProcessor(e.Kind, rate => DenoiserFactory.Create(e.Kind, null, rate)),
                "speex" => new SpeexProcessor(e.Value ?? SpeexProcessor.DefaultSuppressDb),
                "highpass" => new HighpassProcessor(e.Value ?? throw new InvalidChainSpecException("highpass needs a cut-off in Hz.")),
                "gain" => new GainProcessor(e.Value ?? throw new InvalidChainSpecException("gain needs a value in dB.")),
                "limiter" => new PeakLimiterProcessor(e.Value ?? -1f),
                "ladspa" => CreateLadspa(e),
                _ => throw new InvalidChainSpecException($"unknown processor '{e.Kind}'."),
            };
        }
        catch (InvalidChainSpecException ex) when (!ex.Message.Contains(e.Token, StringComparison.Ordinal))
        {
            throw new InvalidChainSpecException($"chain element \"{e.Token}\": {ex.Message}", ex);
        }
        catch (LadspaLoadException ex)
        {
            throw new InvalidChainSpecException($"chain element \"{e.Token}\": {ex.Message}", ex);
        }
    }

    private static float? AttenuationLimit(float? value) => value is null or (>= 0f and <= 100f)
        ? value
        : throw new InvalidChainSpecException($"dnn attenuation limit {value} dB must be in 0..100.");

    private static LadspaProcessor CreateLadspa(ChainElementSpec e)
    {
        LadspaLibrary library = LadspaLibrary.Load(e.Library ?? throw new InvalidChainSpecException("ladspa needs a library."));
        try
        {
            return new LadspaProcessor(library, e.Label ?? throw new InvalidChainSpecException("ladspa needs a label."), e.Controls);
        }
        catch
        {
            library.Dispose();
            throw;
        }
    }
}
