using RtDenoise.Engine.Processing;

namespace RtDenoise.Engine.LadspaPlugin;

/// <summary>One LADSPA instance: the host's port pointers plus the denoiser (created at instantiate, for the host rate).</summary>
internal sealed unsafe class PluginInstance : IDisposable
{
    private readonly float*[] _ports = new float*[PluginPorts.Count];
    private long _failedRuns;

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
