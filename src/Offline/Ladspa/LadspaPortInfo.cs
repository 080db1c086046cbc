using RtDenoise.Engine.Ladspa;
using static RtDenoise.Engine.Ladspa.LadspaConstants;

namespace RtDenoise.Offline.Ladspa;

/// <summary>One port of a LADSPA plugin, as its descriptor declares it.</summary>
public sealed record LadspaPortInfo(int Index, string Name, int Descriptor, int HintDescriptor, float LowerBound, float UpperBound)
{
    public bool IsInput => (Descriptor & PortInput) != 0;

    public bool IsOutput => (Descriptor & PortOutput) != 0;

    public bool IsAudio => (Descriptor & LadspaConstants.PortAudio) != 0;

    public bool IsControl => (Descriptor & PortControl) != 0;

    public bool IsToggled => (HintDescriptor & HintToggled) != 0;

    public bool IsInteger => (HintDescriptor & HintInteger) != 0;

    public bool IsLogarithmic => (HintDescriptor & HintLogarithmic) != 0;

    public bool ScalesWithSampleRate => (HintDescriptor & HintSampleRate) != 0;

    public bool HasLowerBound => (HintDescriptor & HintBoundedBelow) != 0;

    public bool HasUpperBound => (HintDescriptor & HintBoundedAbove) != 0;

    /// <summary>The lower bound at <paramref name="sampleRate"/> (null if unbounded).</summary>
    public float? Lower(int sampleRate) => HasLowerBound ? LowerBound * (ScalesWithSampleRate ? sampleRate : 1) : null;

    /// <summary>The upper bound at <paramref name="sampleRate"/> (null if unbounded).</summary>
    public float? Upper(int sampleRate) => HasUpperBound ? UpperBound * (ScalesWithSampleRate ? sampleRate : 1) : null;

    /// <summary>
    /// The default value at <paramref name="sampleRate"/> by ladspa.h's rules: LOW/MIDDLE/HIGH interpolate the bounds
    /// (geometrically for logarithmic ports), INTEGER rounds; with no default hint, the lower bound (clamped to the
    /// upper) or 0.
    /// </summary>
    public float Default(int sampleRate)
    {
        float? lo = Lower(sampleRate), hi = Upper(sampleRate);
        float value = (HintDescriptor & HintDefaultMask) switch
        {
            HintDefaultMinimum => lo ?? 0f,
            HintDefaultLow => Interpolate(lo, hi, 0.25f),
            HintDefaultMiddle => Interpolate(lo, hi, 0.5f),
            HintDefaultHigh => Interpolate(lo, hi, 0.75f),
            HintDefaultMaximum => hi ?? 0f,
            HintDefault0 => 0f,
            HintDefault1 => 1f,
            HintDefault100 => 100f,
            HintDefault440 => 440f,
            _ => lo is float l ? (hi is float h ? Math.Min(l, h) : l) : (hi is float u ? Math.Min(0f, u) : 0f),
        };
        return IsInteger ? MathF.Round(value) : value;
    }

    /// <summary>Human-readable summary, in the spirit of <c>analyseplugin</c>.</summary>
    public string Describe(int sampleRate)
    {
        string kind = $"{(IsInput ? "input" : "output")}, {(IsAudio ? "audio" : "control")}";
        if (!IsControl)
        {
            return kind;
        }

        string range = (Lower(sampleRate), Upper(sampleRate)) switch
        {
            (float l, float h) => $", {l:G6} to {h:G6}",
            (float l, null) => $", ≥ {l:G6}",
            (null, float h) => $", ≤ {h:G6}",
            _ => string.Empty,
        };
        string flags = (IsToggled ? ", toggled" : string.Empty) + (IsInteger ? ", integer" : string.Empty) + (IsLogarithmic ? ", logarithmic" : string.Empty);
        return IsInput ? $"{kind}{range}, default {Default(sampleRate):G6}{flags}" : $"{kind}{range}{flags}";
    }

    private float Interpolate(float? lo, float? hi, float t)
    {
        if (lo is not float l || hi is not float h)
        {
            return lo ?? hi ?? 0f;
        }

        if (IsLogarithmic && l > 0 && h > 0)
        {
            return MathF.Exp((MathF.Log(l) * (1 - t)) + (MathF.Log(h) * t));
        }

        return (l * (1 - t)) + (h * t);
    }
}
