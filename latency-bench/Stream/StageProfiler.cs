using System.Globalization;
using System.Text;
using RtDenoise.Engine;
using RtDenoise.Engine.Resampling;
using RtDenoise.Engine.Stft;
using RtDenoise.Offline.Audio;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>
/// Where the microseconds go: runs the Denoiser's stages one by one (unpaced, pinned, same blocks) —
/// device→model resampling, STFT analysis/synthesis/overlap-add (FFTs, windows), the spectral processor (features
/// and network for dnn), model→device resampling — and reports µs per second of audio for each.
/// </summary>
internal static class StageProfiler
{
    public static string Run(StreamSettings s)
    {
        NativeScheduling.PinCurrentThread(s.PinCpu);
        using Denoiser reference = DenoiserFactory.Create(s.Processor, s.ModelPath, s.SampleRate);
        if (!reference.HasSpectralProcessor)
        {
            return $"per-stage split: not available for '{reference.Name}' (a time-domain processor, not an STFT one)\n";
        }

        StftLayout layout = reference.ModelLayout;
        float[][] channels = WavReader.ReadAllChannels(s.InputPath, out int fileRate);
        float[] x = channels[0];
        int total = (int)(s.DurationSeconds * fileRate);
        var device = new float[total];
        for (int i = 0; i < total; i++)
        {
            device[i] = x[i % x.Length];
        }

        if (fileRate != s.SampleRate)
        {
            var conv = new PolyphaseResampler(fileRate, s.SampleRate);
            var tmp = new float[conv.MaxOutputFor(device.Length)];
            device = tmp[..conv.Process(device, tmp)];
        }

        double audioSeconds = device.Length / (double)s.SampleRate;
        int block = s.BlockFrames;
        var rows = new List<(string Stage, double UsPerAudioSecond)>();

        // 1. device → model rate
        float[] inner = device;
        if (s.SampleRate != layout.SampleRate)
        {
            var toModel = new PolyphaseResampler(s.SampleRate, layout.SampleRate);
            var buf = new float[toModel.MaxOutputFor(device.Length)];
            int produced = 0;
            long t = Time(() =>
            {
                toModel.Reset();
                produced = 0;
                for (int p = 0; p < device.Length; p += block)
                {
                    int n = Math.Min(block, device.Length - p);
                    produced += toModel.Process(device.AsSpan(p, n), buf.AsSpan(produced));
                }
            });
            inner = buf[..produced];
            rows.Add(("resample device→model", t / 1e3 / audioSeconds));
        }

        // 2+3. STFT + processor (processor timed inside)
        var timed = new TimedSpectralProcessor(reference.Processor);
        var stft = new StreamingStft(layout, timed);
        var innerOut = new float[inner.Length];
        int innerBlock = Math.Max(1, block * layout.SampleRate / s.SampleRate);
        long stftNs = Time(() =>
        {
            stft.Reset(); // also resets the timed processor's counters
            for (int p = 0; p < inner.Length; p += innerBlock)
            {
                int n = Math.Min(innerBlock, inner.Length - p);
                stft.Process(inner.AsSpan(p, n), innerOut.AsSpan(p, n));
            }
        });
        rows.Add(("STFT analysis + synthesis + overlap-add", (stftNs - timed.ElapsedNs) / 1e3 / audioSeconds));
        rows.Add(($"processor '{timed.Name}' ({timed.Frames} frames, {timed.ElapsedNs / 1e3 / Math.Max(1, timed.Frames):F2} µs/frame)", timed.ElapsedNs / 1e3 / audioSeconds));

        // 4. model → device rate
        if (s.SampleRate != layout.SampleRate)
        {
            var fromModel = new PolyphaseResampler(layout.SampleRate, s.SampleRate);
            var buf = new float[fromModel.MaxOutputFor(innerOut.Length)];
            int produced = 0;
            long t = Time(() =>
            {
                fromModel.Reset();
                produced = 0;
                for (int p = 0; p < innerOut.Length; p += innerBlock)
                {
                    int n = Math.Min(innerBlock, innerOut.Length - p);
                    produced += fromModel.Process(innerOut.AsSpan(p, n), buf.AsSpan(produced));
                }
            });
            rows.Add(("resample model→device", t / 1e3 / audioSeconds));
        }

        double sum = rows.Sum(r => r.UsPerAudioSecond);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"per-stage split ({s.Processor}, {s.SampleRate} Hz, {block}-frame blocks, {audioSeconds:F1} s of audio, unpaced, one core):");
        sb.AppendLine("| stage | µs per second of audio | share |");
        sb.AppendLine("|---|---:|---:|");
        foreach ((string stage, double us) in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {us:F0} | {us / sum:P1} |");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"| total (RTF {sum / 1e6:F5}) | {sum:F0} | 100% |");
        return sb.ToString();
    }

    private static long Time(Action a)
    {
        a(); // warm-up pass (JIT tiering, caches); each action resets its own state first
        long t0 = NativeScheduling.NowNs();
        a();
        return NativeScheduling.NowNs() - t0;
    }
}
