using RtDenoise.Engine.Model;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Offline.Audio;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>
/// samples/noisy_speech.wav (6 s, 16 kHz mono) denoised by the shipped packed model (models/denoiser.rtm) with
/// its quantized layers pinned to one kernel path (<see cref="DnnSpectralProcessor(RtmModel, KernelPath?)"/>).
/// </summary>
internal static class KernelPathDenoising
{
    private static readonly Lazy<float[]> Input = new(ReadInput);
    private static readonly Lazy<RtmModel> Model = new(() => RtmModel.Load(Path.Combine(RepoRoot(), "models", "denoiser.rtm")));

    public static float[] Denoise(KernelPath path)
    {
        RtmModel model = Model.Value;
        var processor = new DnnSpectralProcessor(model, path);
        Assert.Equal(path, processor.KernelPath);
        using var denoiser = new Denoiser(model.SampleRate, model.Layout, processor);
        float[] x = Input.Value;
        var y = new float[x.Length];
        // 10 ms blocks, as a stream delivers them.
        for (int pos = 0; pos < x.Length; pos += 160)
        {
            int n = Math.Min(160, x.Length - pos);
            denoiser.Process(x.AsSpan(pos, n), y.AsSpan(pos, n));
        }

        return y;
    }

    public static float[] ReadInput()
    {
        using WavReader r = WavReader.Open(Path.Combine(RepoRoot(), "samples", "noisy_speech.wav"));
        Assert.Equal(1, r.Channels);
        Assert.Equal(16000, r.SampleRate);
        var x = new float[r.FrameCount];
        Assert.Equal(x.Length, r.ReadFrames(x));
        return x;
    }

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Realtime.sln")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (Realtime.sln) not found above the test binaries");
    }

    /// <summary>Index of the first sample whose float bits differ, or −1; and the largest |a − b|.</summary>
    public static (int FirstDifference, double MaxAbs) Compare(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        int first = -1;
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
            {
                first = first < 0 ? i : first;
                max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
            }
        }

        return (first, max);
    }
}
