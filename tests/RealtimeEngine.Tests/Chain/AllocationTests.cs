using RtDenoise.Engine.Chain;
using RtDenoise.Offline.Chain;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.Engine.Tests.Chain;

/// <summary>
/// Every built-in's Process is allocation-free once configured (NAudio EffectAllocationTests: warm up, then the
/// thread's allocated-bytes counter must not move across hundreds of calls). Block sizes vary, including blocks longer
/// than maxBlock.
/// </summary>
public sealed class AllocationTests
{
    public static TheoryData<string> Specs => new()
    {
        "classic", "bypass", "dnn", "speex", "highpass:80", "gain:-6", "limiter:-1",
        "ladspa:amp_1181.so:amp?Amps gain (dB)=-6", "ladspa:lowpass_iir_1891.so:lowpass_iir",
        "highpass:80,classic,speex,limiter:-1",
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void ProcessAllocatesNothing(string spec)
    {
        SkipUnlessAvailable(spec);
        foreach (int rate in new[] { 16000, 48000 })
        {
            using ProcessorChain p = new ChainFactory().Build(ChainSpecParser.Parse(spec));
            p.Configure(rate, 256);
            float[] buffer = TestSignals.WhiteNoise(1500, 0.3f, 9);
            int[] sizes = [1, 7, 64, 255, 256, 480, 1024, 1500];
            long allocated = TestSignals.AllocatedBytes(i => p.Process(buffer.AsSpan(0, sizes[i % sizes.Length])));
            Assert.True(allocated == 0, $"{spec} at {rate} Hz allocated {allocated} bytes in 512 Process calls");
        }
    }

    internal static void SkipUnlessAvailable(string spec)
    {
        if (spec.Contains("speex", StringComparison.Ordinal) && !RtDenoise.Engine.Speex.SpeexProcessor.IsAvailable)
        {
            Assert.Skip("libspeexdsp.so.1 is not installed (apt-get install libspeexdsp1)");
        }

        if (spec.Contains("dnn", StringComparison.Ordinal) && ModelLocator.FindDefault() is null)
        {
            Assert.Skip("no shipped DNN model (models/denoiser*.rtm) in this checkout");
        }

        foreach (ChainElementSpec e in ChainSpecParser.Parse(spec).Where(e => e.Kind == "ladspa"))
        {
            try
            {
                RtDenoise.Offline.Ladspa.LadspaSearchPath.Resolve(e.Library!);
            }
            catch (RtDenoise.Offline.Ladspa.LadspaLoadException ex)
            {
                Assert.Skip($"{ex.Message} (apt-get install swh-plugins)");
            }
        }
    }
}
