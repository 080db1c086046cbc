using System.Globalization;
using System.Text;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>The figures of one run. Percentiles come from an HdrHistogram of per-block processing time.</summary>
internal sealed record StreamResult(
    StreamSettings Settings,
    string ProcessorName,
    long Blocks,
    long Misses,
    double P50Us,
    double P90Us,
    double P99Us,
    double P999Us,
    double MaxUs,
    double MeanUs,
    double ResponseP99Us,
    double ResponseMaxUs,
    double CpuP999Us,
    double CpuMaxUs,
    double WakeP99Us,
    double WakeMaxUs,
    double MissedOwnCpuMaxUs,
    double MissedWakeMinUs,
    double AudioSeconds,
    double WallSeconds,
    double BusySeconds,
    int GcCollections,
    long AllocatedBytes,
    double LatencyMs,
    double? QuotaFraction,
    long ThrottledUs,
    long PeakRssBytes,
    long ManagedHeapBytes,
    bool Pinned)
{
    /// <summary>Processing time per second of audio (busy time / audio time).</summary>
    public double RealTimeFactor => AudioSeconds > 0 ? BusySeconds / AudioSeconds : 0;

    public string ToJson() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"rtf\":{RealTimeFactor:F5},\"p50_us\":{P50Us:F1},\"p90_us\":{P90Us:F1},\"p99_us\":{P99Us:F1},\"p999_us\":{P999Us:F1},\"max_us\":{MaxUs:F1},\"response_p99_us\":{ResponseP99Us:F1},\"response_max_us\":{ResponseMaxUs:F1},\"cpu_p999_us\":{CpuP999Us:F1},\"cpu_max_us\":{CpuMaxUs:F1},\"wake_p99_us\":{WakeP99Us:F1},\"wake_max_us\":{WakeMaxUs:F1},\"missed_own_cpu_max_us\":{MissedOwnCpuMaxUs:F1},\"missed_wake_min_us\":{MissedWakeMinUs:F1},\"misses\":{Misses},\"blocks\":{Blocks},\"gc\":{GcCollections},\"alloc_bytes\":{AllocatedBytes},\"latency_ms\":{LatencyMs:F3},\"paced\":{(Settings.Paced ? "true" : "false")},\"rate\":{Settings.SampleRate},\"block_ms\":{Settings.BlockMilliseconds:F2},\"processor\":\"{ProcessorName}\",\"cpu_quota\":{(QuotaFraction is double q ? q.ToString("F3", CultureInfo.InvariantCulture) : "null")},\"throttled_us\":{ThrottledUs},\"peak_rss_bytes\":{PeakRssBytes},\"managed_heap_bytes\":{ManagedHeapBytes}}}");

    public string ToTable()
    {
        var sb = new StringBuilder();
        string mode = Settings.Paced ? "paced (a block every block period)" : "unpaced (throughput)";
        sb.AppendLine(CultureInfo.InvariantCulture, $"processor {ProcessorName}, {Settings.SampleRate} Hz, {Settings.BlockFrames}-frame blocks ({Settings.BlockMilliseconds:F1} ms), {mode}{(Pinned ? ", pinned to cpu " + Settings.PinCpu : string.Empty)}");
        if (QuotaFraction is double q)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"cpu quota {q:P0} of one core{(Settings.DeviceProfile is null ? string.Empty : " (profile " + Settings.DeviceProfile + ")")}, throttled {ThrottledUs / 1000.0:F1} ms in total");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  blocks {Blocks}, audio {AudioSeconds:F1} s, wall {WallSeconds:F1} s, real-time factor {RealTimeFactor:F4}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  per block µs: p50 {P50Us:F1}  p90 {P90Us:F1}  p99 {P99Us:F1}  p99.9 {P999Us:F1}  max {MaxUs:F1}  (deadline {Settings.BlockMilliseconds * 1000:F0})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  the thread's own CPU per block µs: p99.9 {CpuP999Us:F1}  max {CpuMaxUs:F1}  (wall minus this = preemption, steal, throttling)");
        if (Settings.Paced)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  release → done µs (includes wake-up delay): p99 {ResponseP99Us:F1}  max {ResponseMaxUs:F1}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  wake-up delay (release → start) µs: p99 {WakeP99Us:F1}  max {WakeMaxUs:F1}");
        }

        if (Misses > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  missed blocks: own CPU max {MissedOwnCpuMaxUs:F1} µs, wake-up delay min {MissedWakeMinUs:F1} µs (a miss with little own CPU and a late wake-up is time the thread could not run)");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  deadline misses {Misses}, GC collections {GcCollections}, bytes allocated {AllocatedBytes}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  algorithmic latency {LatencyMs:F2} ms, peak RSS {PeakRssBytes / 1048576.0:F1} MiB, managed heap {ManagedHeapBytes / 1048576.0:F2} MiB");
        return sb.ToString();
    }
}
