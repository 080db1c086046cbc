namespace RtDenoise.Kernels.Tests;

/// <summary>Zero-allocation checks that a busy machine cannot fail spuriously.</summary>
internal static class Allocations
{
    /// <summary>
    /// Bytes the current thread allocates in <paramref name="calls"/> calls of <paramref name="body"/>, the smallest of
    /// <paramref name="attempts"/> windows: a one-off runtime event (a tier-1 promotion that lands late under load)
    /// shows in one window only, an allocation per call in every one.
    /// </summary>
    public static long Least(Action body, int calls, int attempts = 3)
    {
        long least = long.MaxValue;
        for (int a = 0; a < attempts && least != 0; a++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                body();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
