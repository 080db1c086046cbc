using RtDenoise.Engine.Chain;
using RtDenoise.Engine.LadspaPlugin;

namespace RtDenoise.Engine.Tests.Ladspa;

/// <summary>
/// The plugin's run() body in process (the NativeAOT .so itself is tested by scripts/test-phases/40-ladspa.sh):
/// what the host's buffers receive equals the processor's output, and a processor that throws yields silence and a
/// count, never an exception across the native boundary.
/// </summary>
public sealed unsafe class PluginInstanceTests
{
    private const int Rate = 48000;

    [Fact]
    public void RunWritesTheProcessorsOutputToTheHostsBuffer()
    {
        float[] x = TestSignals.WhiteNoise(4 * 1024, 0.3f, 5);
        var expected = new float[x.Length];
        using (Denoiser reference = DenoiserFactory.Create("classic", null, Rate, attenuationLimitDb: 12))
        {
            reference.Process(x, expected); // what `rtdenoise denoise --processor classic --atten-lim 12` runs
        }

        using var plugin = new PluginInstance(new DenoiserProcessor(DenoiserFactory.Create("classic", null, Rate)));
        var output = new float[x.Length];
        float limit = 12, bypass = 0, latency = -1;
        fixed (float* pIn = x, pOut = output)
        {
            plugin.Connect(PluginPorts.Input, pIn);
            plugin.Connect(PluginPorts.Output, pOut);
            plugin.Connect(PluginPorts.AttenuationLimit, &limit);
            plugin.Connect(PluginPorts.Bypass, &bypass);
            plugin.Connect(PluginPorts.Latency, &latency);
            plugin.Activate();
            for (int pos = 0; pos < x.Length; pos += 1024)
            {
                plugin.Connect(PluginPorts.Input, pIn + pos);
                plugin.Connect(PluginPorts.Output, pOut + pos);
                plugin.Run(1024);
            }
        }

        Assert.Equal(expected, output);
        Assert.Equal(plugin.Processor.LatencySamples, latency);
        Assert.Equal(0, plugin.FailedRuns);
    }

    [Fact]
    public void ARunThatThrowsOutputsSilenceAndIsCounted()
    {
        using var plugin = new PluginInstance(new DenoiserProcessor(new Denoiser(Rate, new ThrowingProcessor())));
        float[] buffer = TestSignals.WhiteNoise(256, 0.5f, 9); // in place, as hosts may run it
        fixed (float* p = buffer)
        {
            plugin.Connect(PluginPorts.Input, p);
            plugin.Connect(PluginPorts.Output, p);
            plugin.Run(256);
            plugin.Run(256);
        }

        Assert.All(buffer, v => Assert.Equal(0f, v));
        Assert.Equal(2, plugin.FailedRuns);
    }

    /// <summary>Stands for any fault inside the processing (a bug, a native library's error).</summary>
    private sealed class ThrowingProcessor() : AudioProcessorBase("throws")
    {
        public override void Reset()
        {
        }

        protected override void OnConfigure()
        {
        }

        protected override void ProcessBlock(Span<float> block) => throw new InvalidOperationException("processing failed");
    }
}
