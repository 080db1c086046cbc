namespace RtDenoise.Engine.Chain;

/// <summary>
/// One mono time-domain stage of a processing chain (NAudio's <c>AudioEffect</c> shape: configure once, then process
/// blocks in place). Lifecycle: construct → <see cref="Configure"/> → any number of <see cref="Process"/> /
/// <see cref="Reset"/> calls → <see cref="IDisposable.Dispose"/>. Not thread-safe: one instance per stream and channel;
/// parameters are set between <see cref="Process"/> calls from the same thread.
/// </summary>
/// <remarks>
/// Hot-path contract: <see cref="Process"/> must not allocate, lock, log or block. Everything is allocated in
/// <see cref="Configure"/>. Blocks of any length are accepted; <c>maxBlock</c> only sizes internal scratch buffers and
/// longer blocks are processed in <c>maxBlock</c> pieces.
/// </remarks>
public interface IAudioProcessor : IDisposable
{
    /// <summary>Short name for logs and reports (e.g. "highpass", "dnn", "ladspa:lowpass_iir").</summary>
    string Name { get; }

    /// <summary>Allocates state for a stream. Must be called once before <see cref="Process"/>.</summary>
    /// <exception cref="InvalidChainSpecException">a setting is invalid at this rate (e.g. a cut-off above Nyquist).</exception>
    void Configure(int sampleRate, int maxBlock);

    /// <summary>Algorithmic delay in samples at the configured rate (output sample n answers input n − latency).</summary>
    int LatencySamples { get; }

    /// <summary>Processes <paramref name="block"/> in place; any length including 0.</summary>
    void Process(Span<float> block);

    /// <summary>Clears the signal history (as if just configured); parameters keep their values.</summary>
    void Reset();

    /// <summary>Input samples replaced so far because they were NaN, ±Inf or beyond ±<see cref="SampleGuard.MaxInputMagnitude"/>
    /// (0 for a stage that does not guard its input).</summary>
    long SanitisedSamples => 0;

    /// <summary>Times the stage's state was reset because its output went non-finite.</summary>
    long StateResets => 0;

    /// <summary>The processor's named float parameters.</summary>
    IReadOnlyList<ProcessorParameter> Parameters { get; }

    /// <exception cref="KeyNotFoundException">no parameter of that name.</exception>
    float GetParameter(string name);

    /// <summary>Sets a parameter, clamped to its range; takes effect at the next <see cref="Process"/>.</summary>
    /// <exception cref="KeyNotFoundException">no parameter of that name.</exception>
    void SetParameter(string name, float value);
}
