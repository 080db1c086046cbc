namespace RtDenoise.Engine.Chain;

/// <summary>
/// <c>dnn</c>, <c>classic</c>, <c>bypass</c>, <c>speex</c>: a <see cref="Denoiser"/> (made by a factory for the
/// configured rate) as a chain stage. The denoiser already accepts any block size and works in place.
/// </summary>
public sealed class DenoiserProcessor : IAudioProcessor
{
    private readonly Func<int, Denoiser> _factory;
    private Denoiser? _denoiser;

    public DenoiserProcessor(string name, Func<int, Denoiser> factory)
    {
        Name = name;
        _factory = factory;
    }

    /// <summary>Wraps an existing denoiser (already built for its rate; Configure must use that rate).</summary>
    public DenoiserProcessor(Denoiser denoiser)
    {
        Name = denoiser.Name;
        _denoiser = denoiser;
        _factory = rate => rate == denoiser.SampleRate
            ? denoiser
            : throw new ArgumentException($"this denoiser was built for {denoiser.SampleRate} Hz, not {rate} Hz.", nameof(rate));
    }

    public string Name { get; }

    public Denoiser Denoiser => _denoiser ?? throw new InvalidOperationException($"{Name}: Configure must be called first.");

    public int LatencySamples => Denoiser.LatencySamples;

    public long SanitisedSamples => _denoiser?.SanitisedSamples ?? 0;

    public long StateResets => _denoiser?.StateResets ?? 0;

    public IReadOnlyList<ProcessorParameter> Parameters => [];

    public void Configure(int sampleRate, int maxBlock)
    {
        if (_denoiser is not null && _denoiser.SampleRate == sampleRate)
        {
            _denoiser.Reset();
            return;
        }

        _denoiser?.Dispose();
        _denoiser = _factory(sampleRate);
    }

    public void Process(Span<float> block) => Denoiser.Process(block, block);

    public void Reset() => _denoiser?.Reset();

    public float GetParameter(string name) => throw new KeyNotFoundException($"{Name} has no parameters.");

    public void SetParameter(string name, float value) => throw new KeyNotFoundException($"{Name} has no parameters.");

    public void Dispose()
    {
        _denoiser?.Dispose();
        _denoiser = null;
    }
}
