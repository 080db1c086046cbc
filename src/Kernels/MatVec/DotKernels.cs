namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// One layer's integer-dot kernels, resolved once from (path, code width) when the layer's path is set, so the
/// per-call code is one indirect call instead of a ladder of path × width tests (the function-pointer table of
/// a BLAS dispatch, e.g. OpenBLAS's gotoblas_t). <see cref="Four"/> serves four frames per weight pass,
/// <see cref="One"/> the remainder.
/// </summary>
internal readonly unsafe struct DotKernels
{
    public readonly delegate* managed<ref DotJob, void> One;
    public readonly delegate* managed<ref DotJob, void> Four;

    private DotKernels(delegate* managed<ref DotJob, void> one, delegate* managed<ref DotJob, void> four)
    {
        One = one;
        Four = four;
    }

    /// <summary>The kernels of a supported <paramref name="path"/> for codes <paramref name="codeBits"/> (2, 4 or 8) wide.</summary>
    public static DotKernels For(KernelPath path, int codeBits)
    {
        if (!KernelDispatch.IsSupported(path))
        {
            MatVecThrowHelper.UnsupportedPath(path);
        }

        return codeBits switch
        {
            2 => ForWidth<Code2>(path),
            4 => ForWidth<Code4>(path),
            _ => ForWidth<Code8>(path),
        };
    }

    private static DotKernels ForWidth<TC>(KernelPath path)
        where TC : struct, ICodeWidth => path switch
        {
            KernelPath.Vector128 => new(
                &QuantizedLinear.DotsSimd128<Vector128Isa, OneFrame, TC>,
                &QuantizedLinear.DotsSimd128<Vector128Isa, FourFrames, TC>),
            KernelPath.Neon => new(
                &QuantizedLinear.DotsSimd128<AdvSimdIsa, OneFrame, TC>,
                &QuantizedLinear.DotsSimd128<AdvSimdIsa, FourFrames, TC>),
            KernelPath.Avx2 => new(&QuantizedLinear.DotsAvx2<OneFrame, TC>, &QuantizedLinear.DotsAvx2<FourFrames, TC>),
            KernelPath.Avx512 => new(&QuantizedLinear.DotsAvx512<OneFrame, TC>, &QuantizedLinear.DotsAvx512<FourFrames, TC>),
            _ => new(&QuantizedLinear.DotsScalar<OneFrame, TC>, &QuantizedLinear.DotsScalar<FourFrames, TC>),
        };
}
