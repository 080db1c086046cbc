namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// Element-wise activation applied after a layer's affine map <c>W·x + b</c>, for every layer type (quantized,
/// fp32) and in the model format.
/// </summary>
/// <remarks>The numeric values are the activation codes stored in the .rtm layer table (RtmFormat): never renumber.</remarks>
public enum Activation : uint
{
    /// <summary>The identity: y = v.</summary>
    Linear = 0,

    /// <summary>max(0, v).</summary>
    Relu = 1,

    /// <summary>1 / (1 + e^−v).</summary>
    Sigmoid = 2,
}
