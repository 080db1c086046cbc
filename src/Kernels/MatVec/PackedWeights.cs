using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// A <see cref="QuantizedMatrix"/> repacked once into the layout the unpacking kernels read, in 64-byte aligned
/// native memory. Immutable after construction.
/// </summary>
/// <remarks>
/// <para><b>Code planes.</b> Codes are stored cb bits wide, cb = 2 for b = 2, 4 for b = 3..4 (a 3-bit code in a
/// nibble: the kernels then run at the 4-bit speed), and 8 for b ≥ 5, where the byte already holds the decoded
/// int8 level (no table). A row is padded with zero codes to Kp weights and cut into 32-byte blocks of
/// 32·(8/cb) weights. Within a block, weight <c>32·p + j</c> sits in bits [p·cb, (p+1)·cb) of byte j: plane p
/// is 32 consecutive weights, so one shift and one mask turn a 32-byte load into 32 codes that line up with
/// 32 consecutive activations (the ggml <c>bytes_from_nibbles_32</c> idea, widened to a whole AVX2 register):</para>
/// <code>
///   cb = 4, block = 64 weights:       byte j = [ w(32+j) : 4 | w(j) : 4 ]              j = 0..31
///   cb = 2, block = 128 weights:      byte j = [ w(96+j) | w(64+j) | w(32+j) | w(j) ]  2 bits each
///   cb = 8, block = 32 weights:       byte j = level(w(j)) as int8
/// </code>
/// <para><b>Tables.</b> For cb &lt; 8, a 16-byte table maps code → int8 level (entries past 2^b are zero): one
/// per row, or one per segment when the format has per-group tables (grouped vbs). Per-matrix tables are
/// replicated per row so the kernels never branch on the scope.</para>
/// <para><b>Segments and scales.</b> A segment is the run of weights sharing one float scale: the whole padded
/// row, or a group/block of 32·n weights. Kernels produce one exact int32 dot per (frame, row, segment); the
/// float part is applied afterwards by one shared routine, so every path gives bit-identical output.</para>
/// </remarks>
public sealed unsafe class PackedWeights : IDisposable
{
    public PackedWeights(QuantizedMatrix q)
    {
        ArgumentNullException.ThrowIfNull(q);
        Rows = q.Rows;
        Cols = q.Cols;
        Bits = q.Bits;
        CodeBits = q.Bits == 2 ? 2 : q.Bits <= 4 ? 4 : 8;
        Planes = 8 / CodeBits;
        BlockWeights = 32 * Planes;
        bool wholeRow = q.SegmentLength >= q.Cols;
        int unit = wholeRow ? BlockWeights : Lcm(BlockWeights, q.SegmentLength);
        PaddedCols = (Cols + unit - 1) / unit * unit;
        SegmentLength = wholeRow ? PaddedCols : q.SegmentLength;
        Segments = PaddedCols / SegmentLength;
        PlanesPerSegment = SegmentLength / 32;
        TablePerSegment = q.TableScope == LevelTableScope.Segment;
        BlocksPerRow = PaddedCols / BlockWeights;
        RowBytes = BlocksPerRow * 32;

        CodeBuffer = new AlignedBuffer((long)Rows * RowBytes);
        int tableCount = CodeBits == 8 ? 0 : TablePerSegment ? Rows * Segments : Rows;
        TableBuffer = new AlignedBuffer(tableCount * 16L);
        OffsetTableBuffer = new AlignedBuffer(tableCount * 16L);
        ScaleBuffer = new AlignedBuffer((long)Rows * Segments * sizeof(float));

        sbyte* tables = (sbyte*)TableBuffer.Pointer;
        float* scales = (float*)ScaleBuffer.Pointer;
        ReadOnlySpan<sbyte> levels = q.Levels;
        int levelCount = 1 << Bits;
        bool smallLevels = CodeBits < 8;
        int minLevel = 0, maxLevel = 0;
        for (int r = 0; r < Rows; r++)
        {
            for (int s = 0; s < Segments; s++)
            {
                int qSeg = wholeRow ? 0 : s;
                bool real = qSeg < q.SegmentsPerRow && (s * SegmentLength) < Cols;
                scales[(r * Segments) + s] = real ? q.Scales[(r * q.SegmentsPerRow) + qSeg] : 0f;
                if (CodeBits < 8 && (TablePerSegment || s == 0))
                {
                    sbyte* t = tables + (16 * (TablePerSegment ? (r * Segments) + s : r));
                    int qt = q.TableIndex(r, real ? qSeg : 0);
                    for (int k = 0; k < 16; k++)
                    {
                        int level = k < levelCount ? levels[(qt * levelCount) + k] : 0;
                        t[k] = (sbyte)level;
                        smallLevels &= level is >= -64 and <= 64;
                        minLevel = Math.Min(minLevel, level);
                        maxLevel = Math.Max(maxLevel, level);
                    }
                }
            }

            PackRow(q, r, wholeRow);
        }

        SmallLevels = smallLevels;
        if (smallLevels)
        {
            // u = level − min ∈ [0, max − min] ⊂ [0, 128] (every entry, the zero padding included, lies in ±64).
            LevelOffset = -minLevel;
            MaxOffsetLevel = maxLevel - minLevel;
            for (long i = 0; i < tableCount * 16L; i++)
            {
                OffsetTableBuffer.Pointer[i] = (byte)(tables[i] + LevelOffset);
            }
        }
    }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>Bits of the source format.</summary>
    public int Bits { get; }

    /// <summary>Width of a code in the kernel planes: 2, 4 or 8 (8 = decoded int8 levels).</summary>
    public int CodeBits { get; }

    public int Planes { get; }

    public int BlockWeights { get; }

    /// <summary>Cols rounded up to whole blocks and whole segments.</summary>
    public int PaddedCols { get; }

    public int SegmentLength { get; }

    public int Segments { get; }

    public int PlanesPerSegment { get; }

    public bool TablePerSegment { get; }

    public int BlocksPerRow { get; }

    public int RowBytes { get; }

    /// <summary>
    /// Every table level is within ±64 (fixed and int up to 7 bits, some vbs/lut tables). The AVX2 kernel then
    /// reads the offset tables (level + <see cref="LevelOffset"/> as an unsigned byte) and needs no sign trick: see
    /// <see cref="OffsetLevelsAvx2"/>.
    /// </summary>
    public bool SmallLevels { get; }

    /// <summary>o = −(smallest table level), so that u = level + o ≥ 0 (meaningful when <see cref="SmallLevels"/>).</summary>
    public int LevelOffset { get; }

    /// <summary>U = largest u = level + <see cref="LevelOffset"/> over all tables (≤ 128 when <see cref="SmallLevels"/>).</summary>
    public int MaxOffsetLevel { get; }

    internal AlignedBuffer CodeBuffer { get; }

    internal AlignedBuffer TableBuffer { get; }

    internal AlignedBuffer ScaleBuffer { get; }

    /// <summary>Same layout as the tables, entries level + <see cref="LevelOffset"/> (meaningful when <see cref="SmallLevels"/>).</summary>
    internal AlignedBuffer OffsetTableBuffer { get; }

    /// <summary>Native bytes held (codes, tables, scales): the in-memory size, not the on-disk size.</summary>
    public long NativeBytes => CodeBuffer.Length + TableBuffer.Length + OffsetTableBuffer.Length + ScaleBuffer.Length;

    public void Dispose()
    {
        CodeBuffer.Dispose();
        TableBuffer.Dispose();
        OffsetTableBuffer.Dispose();
        ScaleBuffer.Dispose();
    }

    /// <summary>
    /// Row r's codes into its 32-byte blocks: weight c to bits [p·cb, (p+1)·cb) of byte j of block c / BlockWeights,
    /// where c mod BlockWeights = 32·p + j (the plane layout drawn in the remarks); 8-bit codes as their int8 levels.
    /// </summary>
    private void PackRow(QuantizedMatrix q, int r, bool wholeRow)
    {
        ReadOnlySpan<byte> src = q.Codes;
        ReadOnlySpan<sbyte> levels = q.Levels;
        int levelCount = 1 << Bits;
        byte* row = CodeBuffer.Pointer + ((long)r * RowBytes);
        for (int c = 0; c < Cols; c++)
        {
            int code = src[(r * Cols) + c];
            int blk = c / BlockWeights, within = c % BlockWeights, plane = within / 32, j = within % 32;
            byte* b = row + (blk * 32) + j;
            if (CodeBits == 8)
            {
                int seg = wholeRow ? 0 : c / q.SegmentLength;
                *b = (byte)levels[(q.TableIndex(r, seg) * levelCount) + code];
            }
            else
            {
                *b |= (byte)(code << (plane * CodeBits));
            }
        }
    }

    private static int Lcm(int a, int b)
    {
        int x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }
}
