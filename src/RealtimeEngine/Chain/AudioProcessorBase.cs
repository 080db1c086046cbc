namespace RtDenoise.Engine.Chain;

/// <summary>
/// Shared plumbing for the built-in processors: the configured guard and the parameter table (a fixed list of
/// descriptors and a float array, so get/set never allocate).
/// </summary>
public abstract class AudioProcessorBase : IAudioProcessor
{
    private readonly ProcessorParameter[] _parameters;
    private readonly float[] _values;
    private long _sanitised;
    private long _stateResets;

    protected AudioProcessorBase(string name, params ProcessorParameter[] parameters)
    {
        Name = name;
        _parameters = parameters;
        _values = [.. parameters.Select(p => p.Default)];
    }

    public string Name { get; }

    public int SampleRate { get; private set; }

    public int MaxBlock { get; private set; }

    public bool IsConfigured => SampleRate > 0;

    public virtual int LatencySamples => 0;

    public IReadOnlyList<ProcessorParameter> Parameters => _parameters;

    public void Configure(int sampleRate, int maxBlock)
    {
        if (sampleRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be positive.");
        }

        if (maxBlock <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBlock), maxBlock, "maximum block size must be positive.");
        }

        SampleRate = sampleRate;
        MaxBlock = maxBlock;
        OnConfigure();
        OnParametersChanged();
    }

    public void Process(Span<float> block)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException($"{Name}: Configure must be called before Process.");
        }

        // Guarded like Denoiser.Process: no non-finite sample in, none out, no poisoned state kept.
        _sanitised += SampleGuard.Sanitise(block);
        ProcessBlock(block);
        if (SampleGuard.ZeroNonFinite(block) > 0)
        {
            Reset();
            _stateResets++;
        }
    }

    /// <inheritdoc/>
    public long SanitisedSamples => _sanitised;

    /// <inheritdoc/>
    public long StateResets => _stateResets;

    public abstract void Reset();

    public float GetParameter(string name) => _values[IndexOf(name)];

    public void SetParameter(string name, float value)
    {
        int i = IndexOf(name);
        _values[i] = _parameters[i].Clamp(value);
        if (IsConfigured)
        {
            OnParametersChanged();
        }
    }

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    /// <summary>Parameter value by index in the constructor's list (no lookup on the hot path).</summary>
    protected float Value(int index) => _values[index];

    protected abstract void OnConfigure();

    /// <summary>Recomputes derived coefficients; called after Configure and after each SetParameter.</summary>
    protected virtual void OnParametersChanged()
    {
    }

    protected abstract void ProcessBlock(Span<float> block);

    private int IndexOf(string name)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (string.Equals(_parameters[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"{Name} has no parameter '{name}'; it has: {string.Join(", ", _parameters.Select(p => p.Name))}.");
    }
}
