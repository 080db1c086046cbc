using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// AVX-512: the row loop (<see cref="Rows{TOps, TVector, TAccumulator, TF, TC}"/>) two rows per pass
    /// (<see cref="Avx512LaneOps"/>); an odd last row goes through AVX2. One frame of small-level codes takes the
    /// offset-table loop instead (<see cref="TryDotsOffsetAvx512{TC}"/>).
    /// </summary>
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsAvx512<TF, TC>(ref DotJob job)
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        AssertJob(in job, TC.Bits);
        if (TF.Count == 1 && TryDotsOffsetAvx512<TC>(ref job))
        {
            return;
        }

        int r = Rows<Avx512LaneOps, Vector512<sbyte>, Vector512<int>, TF, TC>(ref job, 0);
        Rows<Avx2LaneOps, Vector256<sbyte>, Vector256<int>, TF, TC>(ref job, r);
    }
}
