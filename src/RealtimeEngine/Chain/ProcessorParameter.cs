namespace RtDenoise.Engine.Chain;

/// <summary>Description of one named float parameter of an <see cref="IAudioProcessor"/>.</summary>
public sealed record ProcessorParameter(string Name, float Minimum, float Maximum, float Default, string Unit)
{
    public float Clamp(float value) => float.IsNaN(value) ? Default : Math.Clamp(value, Minimum, Maximum);
}
