using System.Globalization;

namespace RtDenoise.ModelFormat.Quantization;

/// <summary>The family of a weight format.</summary>
public enum WeightFormatKind
{
    /// <summary>Unquantized 32-bit float (the reference).</summary>
    Fp32,

    /// <summary>Uniform symmetric fixed point, one fractional length F per layer.</summary>
    Fixed,

    /// <summary>Non-uniform fixed point with virtual bit shift: sign | shift code | magnitude.</summary>
    Vbs,

    /// <summary>Symmetric uniform integer with a float scale per row or per block.</summary>
    Int,

    /// <summary>Codebook (k-means / Lloyd-Max) of 2^b levels per layer or per row.</summary>
    Lut,
}

/// <summary>
/// A weight format and its parameters, parsed from the strings used on the command line and in model files.
/// </summary>
/// <remarks>
/// Grammar (case-insensitive, b = 2..8):
/// <code>
///   fp32
///   fixed&lt;b&gt;                     per-layer Q-format
///   vbs&lt;b&gt;[s&lt;S&gt;][g&lt;G&gt;]          S = shift-code bits 0..2 (default: chosen by the encoder; see MaxVbsShiftBits);
///                                G = group of G consecutive weights of a row with their own F and shift
///                                table, a multiple of 32 (default: one F and table for the whole layer)
///   int&lt;b&gt;[b&lt;B&gt;]                B = 32 or 64: one float scale per block of B weights of a row
///                                (default: one scale per row)
///   lut&lt;b&gt;[r]                    r: one codebook per row (default: one per layer)
/// </code>
/// Examples: <c>vbs4</c>, <c>vbs3s1</c>, <c>vbs4g64</c>, <c>int4b32</c>, <c>lut3r</c>.
/// Group and block sizes are multiples of 32 because the kernels consume codes 32 at a time (one plane).
/// </remarks>
public readonly record struct WeightFormat
{
    private WeightFormat(WeightFormatKind kind, int bits, int group, int shiftBits, bool perRow)
    {
        Kind = kind;
        Bits = bits;
        Group = group;
        ShiftBits = shiftBits;
        PerRow = perRow;
    }

    public WeightFormatKind Kind { get; }

    /// <summary>Bits per weight code (32 for fp32).</summary>
    public int Bits { get; }

    /// <summary>vbs: group size G (0 = whole layer). int: block size B (0 = whole row). Otherwise 0.</summary>
    public int Group { get; }

    /// <summary>vbs: forced shift-code bits s, or -1 when the encoder chooses. Otherwise -1.</summary>
    public int ShiftBits { get; }

    /// <summary>lut: one codebook per row instead of per layer.</summary>
    public bool PerRow { get; }

    public static WeightFormat Fp32 => new(WeightFormatKind.Fp32, 32, 0, -1, false);

    public static WeightFormat Fixed(int bits) => new(WeightFormatKind.Fixed, CheckBits(bits), 0, -1, false);

    public static WeightFormat Vbs(int bits, int shiftBits = -1, int group = 0)
    {
        CheckBits(bits);
        if (shiftBits < -1 || shiftBits > MaxVbsShiftBits(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(shiftBits), shiftBits,
                $"vbs{bits}: shift-code bits must be 0..{MaxVbsShiftBits(bits)}");
        }

        CheckGroup(group, nameof(group));
        return new(WeightFormatKind.Vbs, bits, group, shiftBits, false);
    }

    /// <summary>
    /// Largest usable vbs shift-code width at b bits: one magnitude bit must remain (s ≤ b − 2), the 2^s shifts
    /// must be distinct, and every level must stay an int8, (2^m − 1)·2^shift_max ≤ 127 — which leaves s ≤ 1 at
    /// b = 8 (m = 5 allows shift_max ≤ 2, too few for 4 distinct shifts) and s ≤ 2 otherwise.
    /// </summary>
    public static int MaxVbsShiftBits(int bits) => bits >= 8 ? 1 : Math.Min(2, bits - 2);

    public static WeightFormat Int(int bits, int block = 0)
    {
        CheckBits(bits);
        if (block is not (0 or 32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(block), block, "int block size must be 32 or 64 (0 = per row)");
        }

        return new(WeightFormatKind.Int, bits, block, -1, false);
    }

    public static WeightFormat Lut(int bits, bool perRow = false) => new(WeightFormatKind.Lut, CheckBits(bits), 0, -1, perRow);

    /// <summary>Parses the grammar in the remarks; throws <see cref="FormatException"/> naming the problem.</summary>
    public static WeightFormat Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out WeightFormat f, out string? error))
        {
            throw new FormatException($"weight format '{text}': {error}");
        }

        return f;
    }

    public static bool TryParse(string text, out WeightFormat format, out string? error)
    {
        format = default;
        string s = text.Trim().ToLowerInvariant();
        if (s == "fp32")
        {
            format = Fp32;
            error = null;
            return true;
        }

        string[] prefixes = ["fixed", "vbs", "int", "lut"];
        string? prefix = prefixes.FirstOrDefault(s.StartsWith);
        if (prefix is null)
        {
            error = "expected fp32, fixed<b>, vbs<b>[s<S>][g<G>], int<b>[b<B>] or lut<b>[r] with b = 2..8";
            return false;
        }

        int pos = prefix.Length;
        if (pos >= s.Length || s[pos] < '2' || s[pos] > '8' || (pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1])))
        {
            error = $"{prefix} needs a bit width 2..8 right after the name";
            return false;
        }

        int bits = s[pos] - '0';
        string rest = s[(pos + 1)..];
        try
        {
            switch (prefix)
            {
                case "fixed" when rest.Length == 0:
                    format = Fixed(bits);
                    break;
                case "lut" when rest.Length == 0 || rest == "r":
                    format = Lut(bits, rest == "r");
                    break;
                case "int" when rest.Length == 0:
                    format = Int(bits);
                    break;
                case "int" when rest[0] == 'b' && TryNumber(rest[1..], out int block):
                    format = Int(bits, block);
                    break;
                case "vbs":
                    {
                        int shift = -1, group = 0;
                        if (rest.StartsWith('s'))
                        {
                            int end = 1;
                            while (end < rest.Length && char.IsAsciiDigit(rest[end]))
                            {
                                end++;
                            }

                            if (!TryNumber(rest[1..end], out shift))
                            {
                                error = "vbs: 's' must be followed by the shift-code bit count";
                                return false;
                            }

                            rest = rest[end..];
                        }

                        if (rest.Length > 0 && (rest[0] != 'g' || !TryNumber(rest[1..], out group)))
                        {
                            error = $"vbs: unexpected suffix '{rest}' (expected s<S> and/or g<G>)";
                            return false;
                        }

                        format = Vbs(bits, shift, group);
                        break;
                    }

                default:
                    error = $"unexpected suffix '{rest}' after {prefix}{bits}";
                    return false;
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            error = e.Message.Split(" (Parameter")[0];
            return false;
        }

        error = null;
        return true;
    }

    public override string ToString() => Kind switch
    {
        WeightFormatKind.Fp32 => "fp32",
        WeightFormatKind.Fixed => $"fixed{Bits}",
        WeightFormatKind.Vbs => $"vbs{Bits}{(ShiftBits >= 0 ? $"s{ShiftBits}" : "")}{(Group > 0 ? $"g{Group}" : "")}",
        WeightFormatKind.Int => $"int{Bits}{(Group > 0 ? $"b{Group}" : "")}",
        WeightFormatKind.Lut => $"lut{Bits}{(PerRow ? "r" : "")}",
        _ => throw new InvalidOperationException(),
    };

    private static bool TryNumber(string s, out int value)
    {
        value = 0;
        return s.Length is > 0 and < 7 && s.All(char.IsAsciiDigit)
            && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static int CheckBits(int bits) => bits is >= 2 and <= 8
        ? bits
        : throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be 2..8");

    private static void CheckGroup(int group, string name)
    {
        if (group < 0 || group % 32 != 0 || group > 65536)
        {
            throw new ArgumentOutOfRangeException(name, group, "vbs group size must be a positive multiple of 32 (0 = whole layer)");
        }
    }
}
