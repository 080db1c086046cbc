namespace RtDenoise.Engine.Processing;

/// <summary>
/// A <see cref="Denoiser"/> with the two user controls plugin hosts expect: an attenuation limit and a bypass. The
/// limit mixes the latency-aligned dry signal back in, <c>y = (1 − λ)·wet + λ·dry(n − L)</c> with
/// <c>λ = 10^(−limit/20)</c>, so nothing is attenuated by more than <c>limit</c> dB (the "attenuation limit" of
/// DeepFilterNet's LADSPA plugin); 100 dB or more means no limit (λ = 0, pure denoiser output). Bypass outputs the dry
/// signal delayed by the same latency, so toggling it never shifts the timeline. Any block size, in place allowed,
/// allocation-free after construction.
/// </summary>
public sealed class AttenuationLimitedDenoiser : IDisposable
{
    /// <summary>At or above this many dB the limit is off.</summary>
    public const float NoLimitDb = 100f;

    private const int ChunkSamples = 1024;
    private readonly Denoiser _denoiser;
    private readonly float[] _dryChunk = new float[ChunkSamples];
    private readonly float[] _wetChunk = new float[ChunkSamples];
    private readonly float[] _dryLine;
    private int _linePos;

    /// <summary>Takes ownership of <paramref name="denoiser"/>.</summary>
    public AttenuationLimitedDenoiser(Denoiser denoiser)
    {
        _denoiser = denoiser;
        _dryLine = new float[Math.Max(1, denoiser.LatencySamples)];
    }

    public Denoiser Denoiser => _denoiser;

    public int LatencySamples => _denoiser.LatencySamples;

    /// <summary>Maximum attenuation in dB (0..100; 100 = unlimited).</summary>
    public float AttenuationLimitDb { get; set; } = NoLimitDb;

    public bool Bypass { get; set; }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != input.Length)
        {
            throw new ArgumentException("output must have the same length as input.", nameof(output));
        }

        float limit = float.IsNaN(AttenuationLimitDb) ? NoLimitDb : Math.Clamp(AttenuationLimitDb, 0f, NoLimitDb);
        float lambda = limit >= NoLimitDb ? 0f : MathF.Pow(10f, -limit / 20f);
        bool bypass = Bypass;
        int latency = _denoiser.LatencySamples;
        for (int pos = 0; pos < input.Length; pos += ChunkSamples)
        {
            int n = Math.Min(ChunkSamples, input.Length - pos);
            Span<float> dry = _dryChunk.AsSpan(0, n);
            Span<float> wet = _wetChunk.AsSpan(0, n);
            input.Slice(pos, n).CopyTo(dry); // before output is written: the host may process in place
            _denoiser.Process(dry, wet);
            Span<float> dest = output.Slice(pos, n);
            for (int i = 0; i < n; i++)
            {
                float delayed = dry[i];
                if (latency > 0)
                {
                    delayed = _dryLine[_linePos];
                    _dryLine[_linePos] = dry[i];
                    _linePos = _linePos + 1 == latency ? 0 : _linePos + 1;
                }

                dest[i] = bypass ? delayed : ((1f - lambda) * wet[i]) + (lambda * delayed);
            }
        }
    }

    public void Reset()
    {
        _denoiser.Reset();
        Array.Clear(_dryLine);
        _linePos = 0;
    }

    public void Dispose() => _denoiser.Dispose();
}
