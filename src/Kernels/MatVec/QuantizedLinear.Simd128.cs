using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// The 128-bit driver, shared by the Vector128 and NEON paths (<typeparamref name="TIsa"/> supplies the
    /// lookup, shift, multiply-accumulate and horizontal sum): every row through the row loop
    /// (<see cref="Rows{TOps, TVector, TAccumulator, TF, TC}"/>) with 16-byte registers (<see cref="Simd128LaneOps{TIsa}"/>).
    /// </summary>
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsSimd128<TIsa, TF, TC>(ref DotJob job)
        where TIsa : struct, ISimd128Isa
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        AssertJob(in job, TC.Bits);
        Rows<Simd128LaneOps<TIsa>, Vector128<sbyte>, Vector128<int>, TF, TC>(ref job, 0);
    }
}
