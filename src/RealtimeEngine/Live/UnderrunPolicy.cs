namespace RtDenoise.Engine.Live;

/// <summary>What the output callback plays when the processed ring runs dry.</summary>
public enum UnderrunPolicy
{
    /// <summary>Zeros until the ring is back at its target fill.</summary>
    Silence,

    /// <summary>The newest unprocessed input (a dry ring the output callback trims to one block) until refilled.</summary>
    Passthrough,
}
