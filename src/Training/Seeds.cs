namespace RtDenoise.Training;

/// <summary>Deterministic seed derivation (SplitMix64 mixing; <see cref="HashCode"/> is randomised per process,
/// so it cannot be used for reproducible runs).</summary>
public static class Seeds
{
    public static int Derive(params long[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (long p in parts)
        {
            h = Mix(h ^ (ulong)p);
        }

        return (int)(h & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
