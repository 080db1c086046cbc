namespace RtDenoise.Kernels.MatVec;

/// <summary>Element-wise activation applied after <c>W·x + b</c>.</summary>
public enum Activation
{
    None,

    /// <summary>max(0, v).</summary>
    Relu,

    /// <summary>1 / (1 + e^−v).</summary>
    Sigmoid,
}
