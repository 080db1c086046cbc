using RtDenoise.Engine.Processing;

namespace RtDenoise.Engine.LadspaPlugin;

/// <summary>One LADSPA instance: the host's port pointers plus the denoiser (created at instantiate, for the host rate).</summary>
internal sealed unsafe class PluginInstance : IDisposable
{
    private readonly float*[] _ports = new float*[PluginPorts.Count];

    public PluginInstance(AttenuationLimitedDenoiser denoiser)
    {
        Denoiser = denoiser;
    }

    public AttenuationLimitedDenoiser Denoiser { get; }

    public void Connect(nuint port, float* location)
    {
        if (port < PluginPorts.Count)
        {
            _ports[port] = location;
        }
    }

    public void Activate()
    {
        Denoiser.Reset();
        PublishLatency();
    }

    /// <summary>LADSPA run(): reads the controls, processes in place or not, publishes the latency.</summary>
    public void Run(int count)
    {
        float* input = _ports[PluginPorts.Input];
        float* output = _ports[PluginPorts.Output];
        float* limit = _ports[PluginPorts.AttenuationLimit];
        float* bypass = _ports[PluginPorts.Bypass];
        Denoiser.AttenuationLimitDb = limit is null ? AttenuationLimitedDenoiser.NoLimitDb : *limit;
        Denoiser.Bypass = bypass is not null && *bypass > 0f; // ladspa.h: toggles are "on" above zero
        if (input is not null && output is not null && count > 0)
        {
            Denoiser.Process(new ReadOnlySpan<float>(input, count), new Span<float>(output, count));
        }

        PublishLatency();
    }

    public void Dispose() => Denoiser.Dispose();

    private void PublishLatency()
    {
        float* latency = _ports[PluginPorts.Latency];
        if (latency is not null)
        {
            *latency = Denoiser.LatencySamples;
        }
    }
}
