namespace RtDenoise.LatencyBench.Stream;

/// <summary>
/// CPU-quota presets that stand for low-end devices, as a fraction of one core of the machine the harness runs on.
/// </summary>
/// <remarks>
/// Assumption (not measured here; stated so it can be challenged): single-core integer/SIMD throughput of a
/// Raspberry Pi 3 (Cortex-A53, 1.2 GHz, in-order, 128-bit NEON) is about a tenth of one core of a 2020s x86-64
/// server (this machine: AMD EPYC, Zen 3 class, AVX2), after the published Geekbench 5 single-core scores of those
/// classes (Pi 3B+ ≈ 100, Zen 3 server cores ≈ 1000+); a Pi 4 (Cortex-A72, 1.5 GHz) about a quarter. A quota is a
/// time share, not a slower core: caches and the wider SIMD of this core stay, so the emulation is optimistic for
/// memory-bound work and the margin (misses at lower quotas) is what to read, not the exact threshold.
/// </remarks>
internal static class DeviceProfiles
{
    public static readonly IReadOnlyDictionary<string, double> Quotas = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["pi3"] = 0.10,
        ["pi4"] = 0.25,
        ["full"] = 1.0,
    };
}
