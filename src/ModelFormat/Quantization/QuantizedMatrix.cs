using System.Buffers.Binary;

namespace RtDenoise.ModelFormat.Quantization;

/// <summary>
/// A weight matrix in one of the packed formats: one b-bit code per weight plus the format's metadata, with an
/// exact decoder, the tight on-disk serialisation and exact memory accounting.
/// </summary>
/// <remarks>
/// <para><b>Common decoded form.</b> Every format decodes as
/// <c>w[r, c] = Levels[table(r, seg)][code[r, c]] · Scales[r, seg]</c>, seg = c / SegmentLength, where the level
/// is a small integer (−128..127). That is what the kernels use: codes → int8 through a 2^b-entry table, integer
/// dot products, one float scale per segment. The per-format metadata maps onto it exactly:</para>
/// <code>
///   fixed&lt;b&gt;  level = code as b-bit two's complement (symmetric: −2^(b−1) is never used), scale = 2^−F
///   vbs&lt;b&gt;    level = ±mag · 2^(shift_max − shift[code]),                     scale = 2^−(F + shift_max)
///   int&lt;b&gt;    level = code as b-bit two's complement (symmetric),              scale = per row / block
///   lut&lt;b&gt;    level = codebook[code] (int8),                                   scale = per layer / row
/// </code>
/// <para><b>On-disk payload</b> (little-endian; metadata first, then the codes as one tight bit stream in
/// row-major order, see <see cref="BitStream"/>):</para>
/// <code>
///   fixed:  F:int8                                              | codes
///   vbs:    s:uint8, then per group: F:int8, shift[1..2^s−1]:uint8 | codes   (shift[0] = 0 is implied)
///   int:    scale:float32 per (row, block)                      | codes
///   lut:    per codebook: scale:float32, level[0..2^b−1]:int8   | codes
/// </code>
/// <para><see cref="StorageBytes"/> is exactly the payload length: codes + per-group metadata + tables. The model
/// adds its biases and normalisation.</para>
/// </remarks>
public sealed class QuantizedMatrix
{
    /// <summary>Largest rows·cols accepted, so a hostile header cannot request a huge allocation.</summary>
    public const int MaxWeights = 1 << 26;

    /// <summary>Fractional-length bound: keeps every scale a normal float (2^−(F+6) ≥ 2^−126).</summary>
    public const int MaxFractionalLength = 100;

    private readonly byte[] _codes;
    private readonly float[] _scales;
    private readonly sbyte[] _levels;
    private readonly sbyte[] _vbsF;
    private readonly byte[] _vbsShifts;

    private QuantizedMatrix(WeightFormat format, int rows, int cols, byte[] codes, int segmentLength,
        float[] scales, sbyte[] levels, LevelTableScope scope, int fractionalLength, int vbsShiftBits,
        sbyte[] vbsF, byte[] vbsShifts)
    {
        Format = format;
        Rows = rows;
        Cols = cols;
        _codes = codes;
        SegmentLength = segmentLength;
        SegmentsPerRow = (cols + segmentLength - 1) / segmentLength;
        _scales = scales;
        _levels = levels;
        TableScope = scope;
        FractionalLength = fractionalLength;
        VbsShiftBits = vbsShiftBits;
        _vbsF = vbsF;
        _vbsShifts = vbsShifts;
    }

    public WeightFormat Format { get; }

    public int Rows { get; }

    public int Cols { get; }

    public int Bits => Format.Bits;

    /// <summary>One code per weight, row-major, each below 2^Bits.</summary>
    public ReadOnlySpan<byte> Codes => _codes;

    /// <summary>Weights of a row that share one scale (and, for <see cref="LevelTableScope.Segment"/>, one table).</summary>
    public int SegmentLength { get; }

    public int SegmentsPerRow { get; }

    /// <summary>Float scale per (row, segment): Rows × SegmentsPerRow.</summary>
    public ReadOnlySpan<float> Scales => _scales;

    /// <summary>Integer level of each code, 2^Bits entries per table.</summary>
    public ReadOnlySpan<sbyte> Levels => _levels;

    public LevelTableScope TableScope { get; }

    /// <summary>fixed: the layer's fractional length F (value = code · 2^−F).</summary>
    public int FractionalLength { get; }

    /// <summary>vbs: shift-code bits s (magnitude bits m = b − 1 − s).</summary>
    public int VbsShiftBits { get; }

    /// <summary>vbs: base fractional length F per group (one entry for a per-layer vbs).</summary>
    public ReadOnlySpan<sbyte> VbsBaseF => _vbsF;

    /// <summary>vbs: shift table per group, 2^s entries each, shift[0] = 0, strictly increasing.</summary>
    public ReadOnlySpan<byte> VbsShiftTable => _vbsShifts;

    public long WeightCount => (long)Rows * Cols;

    public long CodeBytes => BitStream.PackedBytes(WeightCount, Bits);

    /// <summary>Per-layer/per-group metadata and tables, in bytes (exactly what <see cref="WriteTo"/> writes before the codes).</summary>
    public long MetadataBytes => Format.Kind switch
    {
        WeightFormatKind.Fixed => 1,
        WeightFormatKind.Vbs => 1 + (long)_vbsF.Length * (1 + ((1 << VbsShiftBits) - 1)),
        WeightFormatKind.Int => 4L * _scales.Length,
        WeightFormatKind.Lut => (long)TableCount * (4 + (1 << Bits)),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Exact payload size: codes + metadata + tables (biases are the model's).</summary>
    public long StorageBytes => CodeBytes + MetadataBytes;

    public int TableCount => _levels.Length >> Bits;

    public int TableIndex(int row, int segment) => TableScope switch
    {
        LevelTableScope.Matrix => 0,
        LevelTableScope.Row => row,
        _ => row * SegmentsPerRow + segment,
    };

    /// <summary>The decoded value of one weight (exact).</summary>
    public float this[int row, int col]
    {
        get
        {
            int seg = col / SegmentLength;
            int level = _levels[(TableIndex(row, seg) << Bits) + _codes[(row * Cols) + col]];
            return level * _scales[(row * SegmentsPerRow) + seg];
        }
    }

    /// <summary>Decodes every weight, row-major, into <paramref name="destination"/> (Rows·Cols floats).</summary>
    public void Decode(Span<float> destination)
    {
        if (destination.Length < WeightCount)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats, {WeightCount} needed", nameof(destination));
        }

        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Cols; c++)
            {
                destination[(r * Cols) + c] = this[r, c];
            }
        }
    }

    /// <summary>Writes the payload (see remarks); exactly <see cref="StorageBytes"/> bytes.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var meta = new byte[MetadataBytes];
        int o = 0;
        switch (Format.Kind)
        {
            case WeightFormatKind.Fixed:
                meta[o++] = (byte)(sbyte)FractionalLength;
                break;
            case WeightFormatKind.Vbs:
                {
                    meta[o++] = (byte)VbsShiftBits;
                    int n = 1 << VbsShiftBits;
                    for (int g = 0; g < _vbsF.Length; g++)
                    {
                        meta[o++] = (byte)_vbsF[g];
                        for (int k = 1; k < n; k++)
                        {
                            meta[o++] = _vbsShifts[(g * n) + k];
                        }
                    }

                    break;
                }

            case WeightFormatKind.Int:
                foreach (float s in _scales)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(meta.AsSpan(o), s);
                    o += 4;
                }

                break;
            case WeightFormatKind.Lut:
                {
                    int n = 1 << Bits;
                    for (int t = 0; t < TableCount; t++)
                    {
                        int row = TableScope == LevelTableScope.Row ? t : 0;
                        BinaryPrimitives.WriteSingleLittleEndian(meta.AsSpan(o), _scales[row * SegmentsPerRow]);
                        o += 4;
                        for (int k = 0; k < n; k++)
                        {
                            meta[o++] = (byte)_levels[(t * n) + k];
                        }
                    }

                    break;
                }
        }

        stream.Write(meta);
        var codes = new byte[CodeBytes];
        BitStream.Pack(_codes, Bits, codes);
        stream.Write(codes);
    }

    /// <summary>
    /// Parses a payload written by <see cref="WriteTo"/> for a matrix of the given shape and format, validating
    /// every field; throws <see cref="InvalidDataException"/> naming the first bad one.
    /// </summary>
    public static QuantizedMatrix Read(ReadOnlySpan<byte> payload, int rows, int cols, WeightFormat format)
    {
        CheckShape(rows, cols);
        if (format.Kind == WeightFormatKind.Fp32)
        {
            throw new InvalidDataException("fp32 weights are not a quantized payload");
        }

        long count = (long)rows * cols;
        long codeBytes = BitStream.PackedBytes(count, format.Bits);
        int vbsS = format.Kind == WeightFormatKind.Vbs ? ReadVbsShiftBits(payload, format) : 0;
        long metaBytes = ExpectedMetadataBytes(rows, cols, format, vbsS);
        if (payload.Length != metaBytes + codeBytes)
        {
            throw new InvalidDataException(
                $"{format} payload for {rows}x{cols} must be {metaBytes + codeBytes} bytes ({metaBytes} metadata + {codeBytes} codes), got {payload.Length}");
        }

        var codes = new byte[count];
        if (!BitStream.Unpack(payload[(int)metaBytes..], format.Bits, codes))
        {
            throw new InvalidDataException($"{format} payload: the unused bits after the last code are not zero");
        }

        ReadOnlySpan<byte> meta = payload[..(int)metaBytes];
        try
        {
            return format.Kind switch
            {
                WeightFormatKind.Fixed => CreateFixed(rows, cols, format.Bits, (sbyte)meta[0], codes),
                WeightFormatKind.Vbs => ReadVbs(meta, rows, cols, format, vbsS, codes),
                WeightFormatKind.Int => ReadInt(meta, rows, cols, format, codes),
                _ => ReadLut(meta, rows, cols, format, codes),
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{format} payload for {rows}x{cols}: {e.Message}", e);
        }
    }

    /// <summary>The VBS payload's first byte: how many bits each shift code has (s).</summary>
    private static int ReadVbsShiftBits(ReadOnlySpan<byte> payload, WeightFormat format)
    {
        if (payload.Length < 1)
        {
            throw new InvalidDataException($"{format} payload is empty: the shift-code bit count is missing");
        }

        int vbsS = payload[0];
        if (vbsS > WeightFormat.MaxVbsShiftBits(format.Bits) || (format.ShiftBits >= 0 && vbsS != format.ShiftBits))
        {
            throw new InvalidDataException(
                $"{format} payload: shift-code bits s = {vbsS} is invalid (allowed 0..{WeightFormat.MaxVbsShiftBits(format.Bits)}{(format.ShiftBits >= 0 ? $", format says {format.ShiftBits}" : "")})");
        }

        return vbsS;
    }

    /// <summary>Bytes of metadata before the packed codes, per format family (the payload layout).</summary>
    private static long ExpectedMetadataBytes(int rows, int cols, WeightFormat format, int vbsS) => format.Kind switch
    {
        WeightFormatKind.Fixed => 1,
        WeightFormatKind.Vbs => 1 + ((long)VbsGroupCount(rows, cols, format.Group) * (1L << vbsS)),
        WeightFormatKind.Int => 4L * rows * SegmentCount(cols, format.Group),
        _ => (format.PerRow ? rows : 1) * (4L + (1 << format.Bits)),
    };

    /// <summary>VBS metadata: the s-bit count byte, then per group its exponent f and 2^s − 1 shift values
    /// (shift code 0 is implicitly 0).</summary>
    private static QuantizedMatrix ReadVbs(ReadOnlySpan<byte> meta, int rows, int cols, WeightFormat format, int vbsS, byte[] codes)
    {
        int groups = VbsGroupCount(rows, cols, format.Group), n = 1 << vbsS;
        var f = new sbyte[groups];
        var shifts = new byte[groups * n];
        int o = 1;
        for (int g = 0; g < groups; g++)
        {
            f[g] = (sbyte)meta[o++];
            for (int k = 1; k < n; k++)
            {
                shifts[(g * n) + k] = meta[o++];
            }
        }

        return CreateVbs(rows, cols, format, vbsS, f, shifts, codes);
    }

    /// <summary>Int metadata: one float32 scale per row segment.</summary>
    private static QuantizedMatrix ReadInt(ReadOnlySpan<byte> meta, int rows, int cols, WeightFormat format, byte[] codes)
    {
        var scales = new float[meta.Length / 4];
        for (int i = 0; i < scales.Length; i++)
        {
            scales[i] = BinaryPrimitives.ReadSingleLittleEndian(meta[(4 * i)..]);
        }

        return CreateInt(rows, cols, format, scales, codes);
    }

    /// <summary>LUT metadata: per table (one, or one per row) a float32 scale and 2^bits int8 levels.</summary>
    private static QuantizedMatrix ReadLut(ReadOnlySpan<byte> meta, int rows, int cols, WeightFormat format, byte[] codes)
    {
        int tables = format.PerRow ? rows : 1, n = 1 << format.Bits;
        var scales = new float[tables];
        var levels = new sbyte[tables * n];
        int o = 0;
        for (int t = 0; t < tables; t++)
        {
            scales[t] = BinaryPrimitives.ReadSingleLittleEndian(meta[o..]);
            o += 4;
            for (int k = 0; k < n; k++)
            {
                levels[(t * n) + k] = (sbyte)meta[o++];
            }
        }

        return CreateLut(rows, cols, format, scales, levels, codes);
    }

    internal static int SegmentCount(int cols, int group) => group == 0 ? 1 : (cols + group - 1) / group;

    internal static int VbsGroupCount(int rows, int cols, int group) => group == 0 ? 1 : rows * SegmentCount(cols, group);

    /// <summary>Largest integer level allowed for int8 kernels: (2^m − 1)·2^shift_max ≤ 127.</summary>
    /// <summary>Whether the largest VBS level (2^m − 1)·2^shift fits in int8. Computed in 64 bits with the shift
    /// bounded first: C# masks an int's shift count to 5 bits, so 1 &lt;&lt; 32 is 1 and a file's shift of 32–38, 64–70
    /// or 100 would pass a 32-bit check.</summary>
    internal static bool VbsFitsInt8(int magnitudeBits, int shiftMax) =>
        magnitudeBits is >= 0 and < 8 && shiftMax is >= 0 and < 8 && ((((1L << magnitudeBits) - 1) << shiftMax) <= 127);

    internal static QuantizedMatrix CreateFixed(int rows, int cols, int bits, int f, byte[] codes)
    {
        CheckShape(rows, cols);
        CheckF(f, 0);
        CheckSymmetricCodes(codes, bits, "fixed");
        var scales = new float[rows];
        Array.Fill(scales, MathF.ScaleB(1f, -f));
        return new QuantizedMatrix(WeightFormat.Fixed(bits), rows, cols, codes, cols, scales, TwosComplementLevels(bits),
            LevelTableScope.Matrix, f, 0, [], []);
    }

    internal static QuantizedMatrix CreateVbs(int rows, int cols, WeightFormat format, int s, sbyte[] f, byte[] shifts, byte[] codes)
    {
        CheckShape(rows, cols);
        int b = format.Bits, m = b - 1 - s, n = 1 << s, groups = f.Length;
        if (m < 1)
        {
            throw new ArgumentException($"s = {s} leaves no magnitude bit at b = {b}");
        }

        int segLen = format.Group == 0 ? cols : format.Group;
        int segs = SegmentCount(cols, format.Group);
        var scales = new float[rows * segs];
        var levels = new sbyte[groups << b];
        for (int g = 0; g < groups; g++)
        {
            ReadOnlySpan<byte> table = shifts.AsSpan(g * n, n);
            if (table[0] != 0)
            {
                throw new ArgumentException($"group {g}: shift[0] must be 0, got {table[0]}");
            }

            for (int k = 1; k < n; k++)
            {
                if (table[k] <= table[k - 1])
                {
                    throw new ArgumentException($"group {g}: shift table must increase, got shift[{k - 1}] = {table[k - 1]}, shift[{k}] = {table[k]}");
                }
            }

            int smax = table[n - 1];
            if (!VbsFitsInt8(m, smax))
            {
                throw new ArgumentException($"group {g}: shift[{n - 1}] = {smax} with {m} magnitude bits exceeds the int8 level range");
            }

            CheckF(f[g], smax);
            for (int code = 0; code < (1 << b); code++)
            {
                int mag = code & ((1 << m) - 1);
                int shiftCode = (code >> m) & (n - 1);
                int level = mag << (smax - table[shiftCode]);
                levels[(g << b) + code] = (sbyte)((code >> (b - 1)) != 0 ? -level : level);
            }

            float scale = MathF.ScaleB(1f, -(f[g] + smax));
            if (format.Group == 0)
            {
                Array.Fill(scales, scale);
            }
            else
            {
                scales[g] = scale;
            }
        }

        return new QuantizedMatrix(format, rows, cols, codes, segLen, scales, levels,
            format.Group == 0 ? LevelTableScope.Matrix : LevelTableScope.Segment, 0, s, f, shifts);
    }

    internal static QuantizedMatrix CreateInt(int rows, int cols, WeightFormat format, float[] scales, byte[] codes)
    {
        CheckShape(rows, cols);
        CheckScales(scales);
        CheckSymmetricCodes(codes, format.Bits, "int");
        return new QuantizedMatrix(format, rows, cols, codes, format.Group == 0 ? cols : format.Group, scales,
            TwosComplementLevels(format.Bits), LevelTableScope.Matrix, 0, 0, [], []);
    }

    /// <summary>lut: <paramref name="tableScales"/> has one scale per codebook (1, or one per row).</summary>
    internal static QuantizedMatrix CreateLut(int rows, int cols, WeightFormat format, float[] tableScales, sbyte[] levels, byte[] codes)
    {
        CheckShape(rows, cols);
        CheckScales(tableScales);
        for (int i = 0; i < levels.Length; i++)
        {
            if (levels[i] == sbyte.MinValue)
            {
                throw new ArgumentException($"codebook level {i} is −128 (levels are symmetric int8, −127..127)");
            }
        }

        float[] scales = format.PerRow ? tableScales : Enumerable.Repeat(tableScales[0], rows).ToArray();
        return new QuantizedMatrix(format, rows, cols, codes, cols, scales, levels,
            format.PerRow ? LevelTableScope.Row : LevelTableScope.Matrix, 0, 0, [], []);
    }

    private static sbyte[] TwosComplementLevels(int bits)
    {
        var levels = new sbyte[1 << bits];
        for (int code = 0; code < levels.Length; code++)
        {
            levels[code] = (sbyte)((code << (32 - bits)) >> (32 - bits));
        }

        return levels;
    }

    private static void CheckShape(int rows, int cols)
    {
        if (rows < 1 || cols < 1 || (long)rows * cols > MaxWeights)
        {
            throw new InvalidDataException($"matrix shape {rows}x{cols} is invalid (both ≥ 1, at most {MaxWeights} weights)");
        }
    }

    private static void CheckF(int f, int smax)
    {
        if (f < -MaxFractionalLength || f + smax > MaxFractionalLength)
        {
            throw new ArgumentException($"fractional length F = {f} is out of range ±{MaxFractionalLength}");
        }
    }

    private static void CheckScales(float[] scales)
    {
        for (int i = 0; i < scales.Length; i++)
        {
            if (!float.IsFinite(scales[i]) || scales[i] < 0)
            {
                throw new ArgumentException($"scale {i} is {scales[i]} (must be finite and ≥ 0)");
            }
        }
    }

    private static void CheckSymmetricCodes(byte[] codes, int bits, string name)
    {
        int forbidden = 1 << (bits - 1);
        int i = Array.IndexOf(codes, (byte)forbidden);
        if (i >= 0)
        {
            throw new ArgumentException($"{name}{bits} code {i} is −2^{bits - 1}, outside the symmetric range");
        }
    }
}
