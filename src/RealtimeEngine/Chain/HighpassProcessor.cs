namespace RtDenoise.Engine.Chain;

/// <summary>
/// <c>highpass:HZ</c>: a second-order Butterworth high-pass (Q = 1/√2), coefficients from R. Bristow-Johnson's
/// "Cookbook formulae for audio EQ biquad filter coefficients", run as a transposed direct form II in double
/// precision. Minimum phase; its small group delay is not counted as latency (no sample is held back).
/// </summary>
/// <remarks>
/// <code>
///   w0 = 2π·f0/Fs   α = sin(w0)/(2Q)
///   b0 = b2 = (1 + cos w0)/2   b1 = −(1 + cos w0)   a0 = 1 + α   a1 = −2·cos w0   a2 = 1 − α
///   y = (b0·x + z1)/…   z1 = b1·x − a1·y + z2   z2 = b2·x − a2·y      (all divided by a0)
/// </code>
/// </remarks>
public sealed class HighpassProcessor : AudioProcessorBase
{
    public const string FrequencyParameter = "frequency_hz";

    // Below this the state is subnormal territory for float audio; .NET has no flush-to-zero switch, so flush by hand.
    private const double DenormalThreshold = 1e-25;
    private const float MaxCutoffHz = 192000f;
    private const double ButterworthQ = 0.70710678118654752;
    private double _b0;
    private double _b1;
    private double _b2;
    private double _a1;
    private double _a2;
    private double _z1;
    private double _z2;

    public HighpassProcessor(float cutoffHz)
        : base("highpass", new ProcessorParameter(FrequencyParameter, 1f, MaxCutoffHz, 80f, "Hz"))
    {
        if (!(cutoffHz > 0) || float.IsInfinity(cutoffHz))
        {
            throw new InvalidChainSpecException($"highpass: cut-off '{cutoffHz}' Hz must be a positive number.");
        }

        // Refused here, in the user's words: SetParameter would clamp it and a later error would name the clamped value.
        if (cutoffHz > MaxCutoffHz)
        {
            throw new InvalidChainSpecException($"highpass: cut-off {cutoffHz.ToString(System.Globalization.CultureInfo.InvariantCulture)} Hz is above the {MaxCutoffHz} Hz maximum.");
        }

        SetParameter(FrequencyParameter, cutoffHz);
    }

    public override void Reset()
    {
        _z1 = 0;
        _z2 = 0;
    }

    protected override void OnConfigure()
    {
        float f0 = GetParameter(FrequencyParameter);
        if (f0 >= SampleRate / 2f)
        {
            throw new InvalidChainSpecException($"highpass:{f0} is at or above the Nyquist frequency ({SampleRate / 2} Hz) of a {SampleRate} Hz stream.");
        }

        Reset();
    }

    protected override void OnParametersChanged()
    {
        double f0 = Math.Min(Value(0), (SampleRate / 2.0) * 0.999);
        double w0 = 2 * Math.PI * f0 / SampleRate;
        double cos = Math.Cos(w0);
        double alpha = Math.Sin(w0) / (2 * ButterworthQ);
        double a0 = 1 + alpha;
        _b0 = (1 + cos) / 2 / a0;
        _b1 = -(1 + cos) / a0;
        _b2 = _b0;
        _a1 = -2 * cos / a0;
        _a2 = (1 - alpha) / a0;
    }

    protected override void ProcessBlock(Span<float> block)
    {
        double z1 = _z1, z2 = _z2;
        for (int i = 0; i < block.Length; i++)
        {
            double x = block[i];
            double y = (_b0 * x) + z1;
            z1 = (_b1 * x) - (_a1 * y) + z2;
            z2 = (_b2 * x) - (_a2 * y);
            block[i] = (float)y;

            // Per sample, not per block: within one long block of silence the ring-down would otherwise reach
            // float subnormals in the output (and double subnormals in the state) before the block ends.
            z1 = Math.Abs(z1) < DenormalThreshold ? 0 : z1;
            z2 = Math.Abs(z2) < DenormalThreshold ? 0 : z2;
        }

        _z1 = z1;
        _z2 = z2;
    }
}
