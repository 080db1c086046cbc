using System.Runtime.CompilerServices;
namespace RtDenoise.Kernels.MatVec;

public sealed unsafe partial class QuantizedLinear
{
    /// <summary>
    /// The specification: for every frame, row and segment, Σ level(code(r, k)) · xq[k] over the segment's
    /// weights, read one weight at a time from the packed layout (see <see cref="PackedWeights"/>).
    /// </summary>
    // Optimised at first call (not tier 0) so KernelPlanner's load-time timings are the steady state's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotsScalar<TF, TC>(ref DotJob job)
        where TF : struct, IFrameCount
        where TC : struct, ICodeWidth
    {
        AssertJob(in job, TC.Bits);
        int frames = TF.Count, codeBits = TC.Bits;
        int blockWeights = 32 * (8 / codeBits), mask = (1 << codeBits) - 1;
        int segLen = job.PlanesPerSegment * 32, perFrame = job.Rows * job.Segments;
        for (int f = 0; f < frames; f++)
        {
            sbyte* x = job.X + (f * job.PaddedCols);
            for (int r = 0; r < job.Rows; r++)
            {
                byte* row = job.Codes + ((long)r * job.RowBytes);
                for (int s = 0; s < job.Segments; s++)
                {
                    sbyte* table = codeBits == 8 ? null : job.Table(r, s);
                    int dot = 0;
                    for (int k = s * segLen; k < (s + 1) * segLen; k++)
                    {
                        int blk = k / blockWeights, within = k % blockWeights;
                        int plane = within / 32, j = within % 32;
                        byte packed = row[(blk * 32) + j];
                        int level = codeBits == 8 ? (sbyte)packed : table[(packed >> (plane * codeBits)) & mask];
                        dot += level * x[k];
                    }

                    job.Dots[(f * perFrame) + (r * job.Segments) + s] = dot;
                }
            }
        }
    }
}
