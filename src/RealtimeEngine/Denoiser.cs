using RtDenoise.Engine.BandSplit;
using RtDenoise.Engine.Buffers;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Resampling;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine;

/// <summary>
/// The engine facade: resample the device rate to the model rate, STFT → spectral processor → overlap-add,
/// resample back. Accepts blocks of any size and returns exactly as many samples, with a fixed latency.
/// Allocation-free per call after construction; not thread-safe (one instance per stream/channel).
/// </summary>
/// <remarks>
/// <para>With rate conversion the inner rate produces ⌈T·L/M⌉ samples after T device samples and the return converter
/// turns those into at least T samples again, so the output FIFO never underruns and holds at most a few samples of
/// surplus; output position p is converter output p, so the delay is the constant sum of both filters' group delays
/// and the STFT latency (<see cref="LatencySeconds"/>). At the model rate there is no conversion and the latency is
/// exactly the STFT's N − 1 samples.</para>
/// <code>
///   in (R) ─► R→16k ─► StreamingStft(processor) ─► 16k→R ─► FIFO ─► (+) ─► out (R)
///      └──────── residual band (what R→16k→R loses), gained by the mask's top bins ──┘
/// </code>
/// <para>Full band (<see cref="FullBandPath"/>): at a device rate other than the model rate, the part of the input that
/// the resampler round trip drops (above ≈ 7.4 kHz at 44.1/48 kHz) is added back, delay-matched and scaled by the
/// mask over the top of the model band, so bypass is transparent at every rate. At the model rate nothing changes.</para>
/// <para>A second form wraps a time-domain <see cref="IAudioProcessor"/> that runs at the device rate and brings its
/// own analysis (the Speex preprocessor): then there is no STFT and no resampling; <see cref="ModelLayout"/> is the
/// processor's own framing (a window of two 10 ms frames, hop one frame, at the device rate) and <see cref="Processor"/>
/// throws (<see cref="HasSpectralProcessor"/> tells).</para>
/// </remarks>
public sealed class Denoiser : IDisposable
{
    private const int ChunkSamples = 1024;

    private readonly StreamingStft? _stft;
    private readonly IAudioProcessor? _timeDomain;
    private readonly StftLayout _timeDomainLayout;
    private readonly PolyphaseResampler? _toModel;
    private readonly PolyphaseResampler? _fromModel;
    private readonly float[] _innerIn = [];
    private readonly float[] _innerOut = [];
    private readonly float[] _outerOut = [];
    private readonly SampleQueue? _fifo;
    private readonly FullBandPath? _fullBand;
    private readonly double _latencySeconds;
    private readonly float[] _sanitisedIn = new float[ChunkSamples];
    private long _sanitised;
    private long _stateResets;

    public Denoiser(int sampleRate, StftLayout modelLayout, ISpectralProcessor processor)
    {
        UnsupportedSampleRateException.ThrowIfUnsupported(sampleRate, modelLayout.SampleRate);

        SampleRate = sampleRate;
        Name = processor.Name;
        _stft = new StreamingStft(modelLayout, processor);
        int modelRate = modelLayout.SampleRate;
        double stftSeconds = _stft.LatencySamples / (double)modelRate;
        if (sampleRate == modelRate)
        {
            _latencySeconds = stftSeconds;
            LatencySamples = _stft.LatencySamples;
            return;
        }

        // The return converter's centre is nudged (< 1 sample) so the total delay is a whole number of device
        // samples: file mode then aligns output sample i with input sample i exactly, not to within half a sample.
        _toModel = new PolyphaseResampler(sampleRate, modelRate);
        var probe = new PolyphaseResampler(modelRate, sampleRate);
        double unrounded = ((_toModel.DelayOutputSamples / modelRate) + stftSeconds) * sampleRate + probe.DelayOutputSamples;
        _fromModel = new PolyphaseResampler(modelRate, sampleRate, Math.Ceiling(unrounded) - unrounded);
        int innerMax = _toModel.MaxOutputFor(ChunkSamples);
        int outerMax = _fromModel.MaxOutputFor(innerMax);
        _innerIn = new float[innerMax];
        _innerOut = new float[innerMax];
        _outerOut = new float[outerMax];
        _fifo = new SampleQueue(outerMax + ChunkSamples);
        _latencySeconds = (_toModel.DelayOutputSamples / modelRate) + stftSeconds + (_fromModel.DelayOutputSamples / sampleRate);
        LatencySamples = (int)Math.Round(_latencySeconds * sampleRate); // integral by construction
        var twinFromModel = new PolyphaseResampler(modelRate, sampleRate, Math.Ceiling(unrounded) - unrounded);
        _fullBand = new FullBandPath(_stft, sampleRate, twinFromModel, LatencySamples, innerMax, ChunkSamples);
    }

    /// <summary>
    /// Wraps a time-domain processor running at the device rate (configured here with blocks of up to
    /// 1024 samples); the denoiser owns it and disposes it.
    /// </summary>
    public Denoiser(int sampleRate, IAudioProcessor timeDomainProcessor)
    {
        if (!SampleRateRange.Contains(sampleRate))
        {
            throw new UnsupportedSampleRateException($"sample rate {sampleRate} Hz is not supported: expected {SampleRateRange.Describe()}.");
        }

        SampleRate = sampleRate;
        Name = timeDomainProcessor.Name;
        _timeDomain = timeDomainProcessor;
        _timeDomain.Configure(sampleRate, ChunkSamples);
        LatencySamples = _timeDomain.LatencySamples;
        _latencySeconds = LatencySamples / (double)sampleRate;
        int hop = (int)Math.Round(sampleRate / 100.0); // the 10 ms frame of the time-domain suppressors
        _timeDomainLayout = new StftLayout(WindowLength: 2 * hop, Hop: hop, FftSize: 2 * hop, SampleRate: sampleRate);
    }

    /// <summary>Device (outer) sample rate.</summary>
    public int SampleRate { get; }

    /// <summary>The processor's short name ("dnn", "classic", "bypass", "speex").</summary>
    public string Name { get; }

    /// <summary>STFT geometry at the model rate (for a time-domain processor: its framing at the device rate).</summary>
    public StftLayout ModelLayout => _stft?.Layout ?? _timeDomainLayout;

    /// <summary>False for a time-domain processor (Speex), which has no <see cref="Processor"/>.</summary>
    public bool HasSpectralProcessor => _stft is not null;

    /// <summary>The spectral processor.</summary>
    /// <exception cref="InvalidOperationException">a time-domain processor (see <see cref="HasSpectralProcessor"/>).</exception>
    public ISpectralProcessor Processor => _stft?.Processor
        ?? throw new InvalidOperationException($"the {Name} denoiser works in the time domain and has no spectral processor.");

    /// <summary>
    /// The attenuation limit in dB (see <see cref="AttenuationLimit"/>; 100 = none), settable between
    /// blocks. A spectral denoiser floors its mask (starting at the model's default); Speex takes it as its own
    /// maximum noise attenuation (<c>suppress_db = −limit</c>, starting at 15 dB), which is what that parameter means.
    /// </summary>
    public float AttenuationLimitDb
    {
        get => _stft?.AttenuationLimitDb ?? -_timeDomain!.GetParameter(Speex.SpeexProcessor.SuppressParameter);
        set
        {
            if (_stft is not null)
            {
                _stft.AttenuationLimitDb = value;
            }
            else
            {
                float limit = float.IsNaN(value) ? AttenuationLimit.NoneDb : value;
                _timeDomain!.SetParameter(Speex.SpeexProcessor.SuppressParameter, -Math.Clamp(limit, 0f, AttenuationLimit.NoneDb));
            }
        }
    }

    /// <summary>Algorithmic latency in device samples (an exact integer: the resampler delays are tuned to make it so).</summary>
    public int LatencySamples { get; }

    /// <summary>Exact algorithmic latency: STFT window plus the resamplers' group delays.</summary>
    public double LatencySeconds => _latencySeconds;

    public double LatencyMilliseconds => _latencySeconds * 1000;

    /// <summary>Samples replaced because they were not finite or beyond ±<see cref="MaxInputMagnitude"/> (input), or
    /// because the processing produced a non-finite value (output), since construction.</summary>
    public long SanitisedSamples => _sanitised;

    /// <summary>Times the state was cleared because a non-finite value escaped the processing.</summary>
    public long StateResets => _stateResets;

    /// <summary>Input beyond this magnitude is clipped: 1e30 (finite) would overflow the power spectrum to infinity.
    /// The chain's time-domain stages guard with the same bound, which lives with them so the chain needs nothing
    /// from the denoiser.</summary>
    public const float MaxInputMagnitude = SampleGuard.MaxInputMagnitude;

    /// <summary>Processes a block of any length; <paramref name="output"/> must have the same length (may alias input).
    /// Never emits a non-finite sample: NaN/±∞ input becomes 0 and huge input is clipped before any state
    /// sees it; should a non-finite value still come out, it is zeroed and the state cleared. Both are counted.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != input.Length)
        {
            throw new ArgumentException("output must have the same length as input.", nameof(output));
        }

        for (int pos = 0; pos < input.Length; pos += ChunkSamples)
        {
            int n = Math.Min(ChunkSamples, input.Length - pos);
            Span<float> clean = _sanitisedIn.AsSpan(0, n);
            input.Slice(pos, n).CopyTo(clean); // before output is written: the caller may process in place
            _sanitised += SampleGuard.Sanitise(clean);
            Span<float> dest = output.Slice(pos, n);
            ProcessChunk(clean, dest);
            if (!AllFinite(dest))
            {
                _sanitised += SampleGuard.Sanitise(dest);
                _stateResets++;
                Reset();
            }
        }
    }

    private void ProcessChunk(Span<float> input, Span<float> output)
    {
        if (_timeDomain is not null)
        {
            input.CopyTo(output);
            _timeDomain.Process(output);
            return;
        }

        StreamingStft stft = _stft!;
        if (_toModel is null || _fromModel is null || _fifo is null || _fullBand is null)
        {
            stft.Process(input, output);
            return;
        }

        int inner = _toModel.Process(input, _innerIn);
        _fullBand.RunStft(_innerIn.AsSpan(0, inner), _innerOut.AsSpan(0, inner));
        int outer = _fromModel.Process(_innerOut.AsSpan(0, inner), _outerOut);
        _fifo.Push(_outerOut.AsSpan(0, outer));
        _fifo.Pop(output);
        _fullBand.AddResidual(input, _innerIn.AsSpan(0, inner), output);
    }

    private static bool AllFinite(ReadOnlySpan<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Clears all signal history (filters, STFT, processor state).</summary>
    public void Reset()
    {
        _stft?.Reset();
        _timeDomain?.Reset();
        _toModel?.Reset();
        _fromModel?.Reset();
        _fifo?.Reset();
        _fullBand?.Reset();
    }

    public void Dispose()
    {
        (_stft?.Processor as IDisposable)?.Dispose();
        _timeDomain?.Dispose();
    }
}
