namespace RtDenoise.Offline.Ladspa;

/// <summary>A LADSPA library could not be loaded, has no <c>ladspa_descriptor</c>, or lacks the requested label.</summary>
public sealed class LadspaLoadException : Exception
{
    public LadspaLoadException(string message)
        : base(message)
    {
    }

    public LadspaLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
