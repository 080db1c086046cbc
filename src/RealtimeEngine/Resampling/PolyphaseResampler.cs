using RtDenoise.Kernels.Numerics;

namespace RtDenoise.Engine.Resampling;

/// <summary>
/// Streaming rational sample-rate converter (polyphase FIR, Kaiser-windowed sinc), allocation-free after
/// construction. Converts <c>inRate</c> to <c>outRate</c> with L/M = outRate/inRate reduced by their gcd.
/// </summary>
/// <remarks>
/// <para>Classic polyphase interpolation/decimation (Crochiere &amp; Rabiner, "Multirate Digital Signal Processing",
/// 1983, ch. 3): conceptually upsample by L (zero-stuff), low-pass with a prototype h of length P = K·L at rate
/// inRate·L, keep every M-th sample. Output k sits at up-sampled time k·M = n·L + p, so</para>
/// <code>
///   y[k] = Σ_{j=0}^{K-1} h[p + j·L] · x[n − j],   n = ⌊k·M / L⌋,  p = k·M mod L
/// </code>
/// <para>Each phase p is stored reversed and contiguous, and the input history is kept twice in a 2K ring
/// ("double-write" trick), so every output is one contiguous dot product (FixedOrderDot: SIMD, and the same bits on every ISA).</para>
/// <para>Counting: after T inputs the converter has produced exactly ⌈T·L/M⌉ outputs (output 0 needs only x[0]).
/// The group delay is the prototype's centre c (normally (P − 1)/2) in up-sampled samples, c/M output samples
/// (see <see cref="DelayOutputSamples"/>).</para>
/// <para>Why our own and not NAudio's WdlResampler: WDL returns a variable number of samples per call from an
/// internally grown buffer and its latency depends on its prime-fill; the real-time path needs a fixed,
/// computable delay and zero allocation per call. NAudio remains the file-format layer.</para>
/// </remarks>
public sealed class PolyphaseResampler
{
    /// <summary>The most phases (L or M of the reduced ratio L/M) a converter builds.</summary>
    public const int MaxPhases = 4096;

    /// <summary>Whether a converter between these rates can be built (the reduced ratio's L and M ≤ <see cref="MaxPhases"/>).</summary>
    public static bool SupportsRatio(int inRate, int outRate)
    {
        if (inRate <= 0 || outRate <= 0)
        {
            return false;
        }

        int g = Gcd(inRate, outRate);
        return outRate / g <= MaxPhases && inRate / g <= MaxPhases;
    }

    private readonly int _l;
    private readonly int _m;
    private readonly int _taps;          // K: taps per phase
    private readonly float[] _phases;    // L rows of K taps, each reversed (oldest sample first)
    private readonly float[] _history;   // 2K ring, each sample written at i and i + K
    private readonly double _delayOutputSamples;
    private int _write;                  // next write index in [0, K)
    private int _phase;                  // p for the next output
    private int _pending;                // inputs still to consume before the next output (0 = produce now)

    /// <param name="inRate">Input sample rate (Hz).</param>
    /// <param name="outRate">Output sample rate (Hz).</param>
    /// <param name="extraDelayOutputSamples">
    /// Moves the filter's centre by this many output samples (|value| ≤ 1) so that a chain of converters can have an
    /// exactly integer total delay; the Kaiser window stays centred on the sinc (its half-width shrinks to fit).
    /// </param>
    /// <param name="tapsPerZeroCrossingSpan">Filter length factor: taps per phase scale as this × max(L, M) / L.</param>
    public PolyphaseResampler(int inRate, int outRate, double extraDelayOutputSamples = 0, int tapsPerZeroCrossingSpan = 48)
    {
        if (inRate <= 0 || outRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inRate), "sample rates must be positive.");
        }

        int g = Gcd(inRate, outRate);
        _l = outRate / g;
        _m = inRate / g;
        if (_l > MaxPhases || _m > MaxPhases)
        {
            throw new ArgumentOutOfRangeException(nameof(inRate), $"rate ratio {outRate}/{inRate} reduces to {_l}/{_m}: too many phases.");
        }

        int maxLm = Math.Max(_l, _m);
        _taps = Math.Max(4, (int)Math.Ceiling((double)tapsPerZeroCrossingSpan * maxLm / _l));
        int p = _taps * _l;

        // Cut-off at 0.92 × the lower Nyquist frequency; Kaiser β = 8.6 (≈ 86 dB side lobes).
        double fc = 0.5 / maxLm * 0.92;
        const double beta = 8.6;
        double i0Beta = Bessel.I0(beta);
        if (Math.Abs(extraDelayOutputSamples) > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(extraDelayOutputSamples), "at most one output sample.");
        }

        double centre = ((p - 1) / 2.0) + (extraDelayOutputSamples * _m);
        double halfWidth = Math.Min(centre, p - 1 - centre);
        _delayOutputSamples = centre / _m;
        var proto = new double[p];
        for (int i = 0; i < p; i++)
        {
            double t = i - centre;
            double sinc = t == 0 ? 2 * fc : Math.Sin(2 * Math.PI * fc * t) / (Math.PI * t);
            double r = t / halfWidth;
            double kaiser = Bessel.I0(beta * Math.Sqrt(Math.Max(0, 1 - (r * r)))) / i0Beta;
            proto[i] = sinc * kaiser * _l;
        }

        _phases = new float[_l * _taps];
        for (int ph = 0; ph < _l; ph++)
        {
            for (int j = 0; j < _taps; j++)
            {
                // reversed: position K-1-j multiplies x[n - j]
                _phases[(ph * _taps) + (_taps - 1 - j)] = (float)proto[ph + (j * _l)];
            }
        }

        _history = new float[2 * _taps];
        Reset();
    }

    public int InterpolationFactor => _l;

    public int DecimationFactor => _m;

    /// <summary>Group delay in output samples (may be fractional).</summary>
    public double DelayOutputSamples => _delayOutputSamples;

    /// <summary>Most outputs a call with <paramref name="inputCount"/> inputs can produce.</summary>
    public int MaxOutputFor(int inputCount) => (int)(((long)inputCount * _l / _m) + 2);

    public void Reset()
    {
        Array.Clear(_history);
        _write = 0;
        _phase = 0;
        _pending = 0;
    }

    /// <summary>Consumes all of <paramref name="input"/>; returns how many samples were written to <paramref name="output"/>.</summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int produced = 0;
        int k = _taps;
        for (int i = 0; i < input.Length; i++)
        {
            float x = input[i];
            _history[_write] = x;
            _history[_write + k] = x;
            _write = _write + 1 == k ? 0 : _write + 1;

            if (_pending > 0)
            {
                _pending--;
                continue;
            }

            // x[n] just arrived: emit every output whose base index is n.
            ReadOnlySpan<float> window = _history.AsSpan(_write, k); // oldest .. newest (= x[n])
            while (true)
            {
                if (produced == output.Length)
                {
                    throw new ArgumentException("output buffer too small; size it with MaxOutputFor.", nameof(output));
                }

                output[produced++] = FixedOrderDot.Dot(window, _phases.AsSpan(_phase * k, k));
                _phase += _m;
                int advance = _phase / _l;
                _phase -= advance * _l;
                if (advance > 0)
                {
                    _pending = advance - 1;
                    break;
                }
            }
        }

        return produced;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
