using RtDenoise.Engine.Chain;

namespace RtDenoise.Offline.Chain;

/// <summary>
/// How large a processor chain may be, checked once when it is parsed (text or JSON), before any processor is built:
/// every element runs on every channel, and each <c>dnn</c> holds its own model state and buffers per channel (1000
/// <c>dnn</c> elements on 8 channels took 2.2 GB). With WAV input limited to 64 channels, at most
/// 64 × <see cref="MaxDnnElements"/> denoisers exist in one run.
/// </summary>
public static class ChainLimits
{
    /// <summary>Largest chain JSON file read; a real chain file is a few hundred bytes.</summary>
    public const int MaxJsonFileBytes = 64 * 1024;

    public const int MaxElements = 32;

    public const int MaxDnnElements = 4;

    /// <summary>Throws unless the parsed chain is within the limits; <paramref name="source"/> names the spec's file
    /// (null for chain text, which the caller names).</summary>
    public static void Check(IReadOnlyList<ChainElementSpec> elements, string? source)
    {
        string prefix = source is null ? "the chain has " : $"{source}: ";
        if (elements.Count > MaxElements)
        {
            throw new InvalidChainSpecException($"{prefix}{elements.Count} elements, more than the {MaxElements} a chain may have.");
        }

        int dnn = elements.Count(e => e.Kind == "dnn");
        if (dnn > MaxDnnElements)
        {
            throw new InvalidChainSpecException(
                $"{prefix}{dnn} dnn elements, more than the {MaxDnnElements} a chain may have (each runs a denoiser per channel).");
        }
    }
}
