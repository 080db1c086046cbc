namespace RtDenoise.Kernels.MatVec;

/// <summary>The instruction-set paths every matrix-vector kernel implements.</summary>
public enum KernelPath
{
    /// <summary>Plain C#: the readable specification every other path must match.</summary>
    Scalar,

    /// <summary>Portable <c>Vector128</c> code (SSE on x64, NEON on ARM64, without ISA-specific instructions).</summary>
    Vector128,

    /// <summary>x64 AVX2 + FMA (AVX-VNNI <c>vpdpbusd</c> where present).</summary>
    Avx2,

    /// <summary>x64 AVX-512 (F + BW), 512-bit vectors.</summary>
    Avx512,

    /// <summary>ARM64 AdvSimd (NEON), with the Dp <c>sdot</c> instruction where present.</summary>
    Neon,
}
