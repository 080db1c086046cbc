using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.LadspaPlugin;

/// <summary>
/// One LADSPA instance: the host's port pointers plus the denoiser processor (created at instantiate, for the host
/// rate). The ports are that processor's parameters: "Attenuation limit (dB)" is
/// <see cref="DenoiserProcessor.AttenuationLimitDb"/> (the same limit as <c>rtdenoise denoise --atten-lim</c>) and
/// "Bypass" is <see cref="DenoiserProcessor.Bypass"/>; the samples are the processor's, so the plugin and the
/// command line cannot drift apart.
/// </summary>
internal sealed unsafe class PluginInstance : IDisposable
{
    private readonly float*[] _ports = new float*[PluginPorts.Count];
    private long _failedRuns;

    public PluginInstance(DenoiserProcessor processor)
    {
        Processor = processor;
    }

    public DenoiserProcessor Processor { get; }

    public void Connect(nuint port, float* location)
    {
        if (port < PluginPorts.Count)
        {
            _ports[port] = location;
        }
    }

    public void Activate()
    {
        Processor.Reset();
        PublishLatency();
    }

    /// <summary>Runs that threw and played silence instead (see <see cref="Run"/>).</summary>
    public long FailedRuns => Volatile.Read(ref _failedRuns);

    /// <summary>
    /// LADSPA run(). Nothing may throw across the native boundary (an exception there tears down the host process),
    /// and a host's audio thread cannot be told why a block failed: a run that throws outputs silence for the block
    /// and counts itself in <see cref="FailedRuns"/>; the next run tries again.
    /// </summary>
    public void Run(int count)
    {
        try
        {
            RunCore(count);
        }
        catch (Exception)
        {
            float* output = _ports[PluginPorts.Output];
            if (output is not null && count > 0)
            {
                new Span<float>(output, count).Clear();
            }

            Interlocked.Increment(ref _failedRuns);
        }
    }

    /// <summary>Reads the controls, processes in place or not, publishes the latency.</summary>
    private void RunCore(int count)
    {
        float* input = _ports[PluginPorts.Input];
        float* output = _ports[PluginPorts.Output];
        float* limit = _ports[PluginPorts.AttenuationLimit];
        float* bypass = _ports[PluginPorts.Bypass];
        Processor.AttenuationLimitDb = limit is null ? AttenuationLimit.NoneDb : *limit;
        Processor.Bypass = bypass is not null && *bypass > 0f; // ladspa.h: toggles are "on" above zero
        if (input is not null && output is not null && count > 0)
        {
            var block = new Span<float>(output, count);
            if (input != output)
            {
                new ReadOnlySpan<float>(input, count).CopyTo(block); // the processor works in place
            }

            Processor.Process(block);
        }

        PublishLatency();
    }

    public void Dispose() => Processor.Dispose();

    private void PublishLatency()
    {
        float* latency = _ports[PluginPorts.Latency];
        if (latency is not null)
        {
            *latency = Processor.LatencySamples;
        }
    }
}
