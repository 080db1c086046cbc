namespace RtDenoise.Engine.Chain;

/// <summary>
/// Processors run one after another on the same block, in place. The chain is itself an <see cref="IAudioProcessor"/>:
/// its latency is the sum of its stages' latencies (each stage delays what the previous one produced), its parameters
/// are the stages' parameters named <c>INDEX.NAME</c> (e.g. <c>0.frequency_hz</c>). It owns its stages.
/// </summary>
public sealed class ProcessorChain : IAudioProcessor
{
    private readonly IAudioProcessor[] _stages;
    private readonly ProcessorParameter[] _parameters;

    public ProcessorChain(IEnumerable<IAudioProcessor> stages)
    {
        _stages = [.. stages];
        if (_stages.Length == 0)
        {
            throw new InvalidChainSpecException("a chain needs at least one processor.");
        }

        _parameters = [.. _stages.SelectMany((s, i) => s.Parameters.Select(p => p with { Name = $"{i}.{p.Name}" }))];
        Name = string.Join(",", _stages.Select(s => s.Name));
    }

    public string Name { get; }

    public IReadOnlyList<IAudioProcessor> Stages => _stages;

    public int LatencySamples => (int)SumOverStages(static s => s.LatencySamples);

    public long SanitisedSamples => SumOverStages(static s => s.SanitisedSamples);

    public long StateResets => SumOverStages(static s => s.StateResets);

    public IReadOnlyList<ProcessorParameter> Parameters => _parameters;

    public void Configure(int sampleRate, int maxBlock)
    {
        foreach (IAudioProcessor s in _stages)
        {
            s.Configure(sampleRate, maxBlock);
        }
    }

    public void Process(Span<float> block)
    {
        foreach (IAudioProcessor s in _stages)
        {
            s.Process(block);
        }
    }

    public void Reset()
    {
        foreach (IAudioProcessor s in _stages)
        {
            s.Reset();
        }
    }

    public float GetParameter(string name)
    {
        (IAudioProcessor stage, string inner) = Resolve(name);
        return stage.GetParameter(inner);
    }

    public void SetParameter(string name, float value)
    {
        (IAudioProcessor stage, string inner) = Resolve(name);
        stage.SetParameter(inner, value);
    }

    public void Dispose()
    {
        foreach (IAudioProcessor s in _stages)
        {
            s.Dispose();
        }
    }

    private (IAudioProcessor Stage, string Inner) Resolve(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && int.TryParse(name.AsSpan(0, dot), out int i) && i >= 0 && i < _stages.Length)
        {
            return (_stages[i], name[(dot + 1)..]);
        }

        throw new KeyNotFoundException($"chain parameter '{name}' must be INDEX.NAME with INDEX in 0..{_stages.Length - 1}.");
    }

    /// <summary>A per-stage figure summed over the chain (static lambdas are cached: nothing is allocated).</summary>
    private long SumOverStages(Func<IAudioProcessor, long> figure)
    {
        long sum = 0;
        foreach (IAudioProcessor s in _stages)
        {
            sum += figure(s);
        }

        return sum;
    }
}
