namespace RtDenoise.Engine.Model;

/// <summary>Activation applied after a layer's affine map (its code in the .rtm layer table).</summary>
public enum LayerActivation : uint
{
    Linear = 0,
    Relu = 1,
    Sigmoid = 2,
}
