using RtDenoise.Engine.Buffers;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine;

/// <summary>
/// <c>dnn</c>, <c>classic</c>, <c>bypass</c>, <c>speex</c>: a <see cref="Denoiser"/> (made by a factory for the
/// configured rate) as a chain stage, with the two controls every host of a denoiser offers as its parameters:
/// <see cref="AttenuationLimitParameter"/> (the denoiser's own limit, see <see cref="AttenuationLimit"/>) and
/// <see cref="BypassParameter"/>. File mode, the live engine, the virtual microphone and the LADSPA plugin all run
/// this one class, so a control means the same everywhere.
/// </summary>
/// <remarks>
/// Bypass outputs the input delayed by <see cref="LatencySamples"/>, so toggling it never shifts the timeline; the
/// denoiser keeps running underneath (its state stays warm, switching back is seamless). The dry delay line is fed on
/// every block whatever the switch, and the denoised samples are not touched when bypass is off.
/// </remarks>
public sealed class DenoiserProcessor : IAudioProcessor
{
    /// <summary>Maximum attenuation in dB, 0..100 (100 = none).</summary>
    public const string AttenuationLimitParameter = "attenuation_limit_db";

    /// <summary>Above 0: output the latency-aligned input (LADSPA toggles are "on" above zero).</summary>
    public const string BypassParameter = "bypass";

    private const int ChunkSamples = 1024;

    private static readonly ProcessorParameter[] ParameterTable =
    [
        new(AttenuationLimitParameter, 0f, AttenuationLimit.NoneDb, AttenuationLimit.NoneDb, "dB"),
        new(BypassParameter, 0f, 1f, 0f, "toggle"),
    ];

    private readonly Func<int, Denoiser> _factory;
    private readonly float[] _dry = new float[ChunkSamples];
    private Denoiser? _denoiser;
    private DelayLine? _dryLine;
    private float? _attenuationLimitDb; // null: the denoiser's own default until the user sets one

    public DenoiserProcessor(string name, Func<int, Denoiser> factory)
    {
        Name = name;
        _factory = factory;
    }

    /// <summary>Wraps an existing denoiser (already built for its rate; Configure must use that rate, and is optional).</summary>
    public DenoiserProcessor(Denoiser denoiser)
    {
        Name = denoiser.Name;
        _factory = rate => rate == denoiser.SampleRate
            ? denoiser
            : throw new ArgumentException($"this denoiser was built for {denoiser.SampleRate} Hz, not {rate} Hz.", nameof(rate));
        Attach(denoiser);
    }

    public string Name { get; }

    public Denoiser Denoiser => _denoiser ?? throw new InvalidOperationException($"{Name}: Configure must be called first.");

    public int LatencySamples => Denoiser.LatencySamples;

    public long SanitisedSamples => _denoiser?.SanitisedSamples ?? 0;

    public long StateResets => _denoiser?.StateResets ?? 0;

    public IReadOnlyList<ProcessorParameter> Parameters => ParameterTable;

    /// <summary>The denoiser's attenuation limit in dB (before Configure: the value set, or 100).</summary>
    public float AttenuationLimitDb
    {
        get => _denoiser?.AttenuationLimitDb ?? _attenuationLimitDb ?? AttenuationLimit.NoneDb;
        set
        {
            float limit = ParameterTable[0].Clamp(value);
            if (_attenuationLimitDb == limit)
            {
                return; // a host writes its port every block: do not recompute the floor (a pow) for nothing
            }

            _attenuationLimitDb = limit;
            if (_denoiser is not null)
            {
                _denoiser.AttenuationLimitDb = limit;
            }
        }
    }

    public bool Bypass { get; set; }

    public void Configure(int sampleRate, int maxBlock)
    {
        if (_denoiser is not null && _denoiser.SampleRate == sampleRate)
        {
            Reset();
            return;
        }

        _denoiser?.Dispose();
        _denoiser = null;
        Attach(_factory(sampleRate));
    }

    public void Process(Span<float> block)
    {
        Denoiser denoiser = Denoiser;
        DelayLine dryLine = _dryLine!;
        for (int pos = 0; pos < block.Length; pos += ChunkSamples)
        {
            Span<float> piece = block.Slice(pos, Math.Min(ChunkSamples, block.Length - pos));
            Span<float> dry = _dry.AsSpan(0, piece.Length);
            dryLine.Process(piece, dry); // dry = input delayed by the latency, read before the denoiser overwrites it
            denoiser.Process(piece, piece);
            if (Bypass)
            {
                dry.CopyTo(piece);
            }
        }
    }

    public void Reset()
    {
        _denoiser?.Reset();
        _dryLine?.Reset();
    }

    public float GetParameter(string name) => IndexOf(name) == 0 ? AttenuationLimitDb : (Bypass ? 1f : 0f);

    public void SetParameter(string name, float value)
    {
        if (IndexOf(name) == 0)
        {
            AttenuationLimitDb = value;
        }
        else
        {
            Bypass = ParameterTable[1].Clamp(value) > 0f;
        }
    }

    public void Dispose()
    {
        _denoiser?.Dispose();
        _denoiser = null;
    }

    private void Attach(Denoiser denoiser)
    {
        _denoiser = denoiser;
        _dryLine = new DelayLine(denoiser.LatencySamples);
        if (_attenuationLimitDb is float limit)
        {
            denoiser.AttenuationLimitDb = limit;
        }
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < ParameterTable.Length; i++)
        {
            if (string.Equals(ParameterTable[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"{Name} has no parameter '{name}'; it has: {string.Join(", ", ParameterTable.Select(p => p.Name))}.");
    }
}
