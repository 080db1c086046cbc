namespace RtDenoise.Kernels.MatVec;

// Struct generics that the JIT specialises per instantiation, so every Count/Bits test in a kernel is a
// constant and dead branches vanish (the TensorPrimitives operator-struct pattern).

/// <summary>How many activation frames one kernel pass serves (weights are unpacked once for all of them).</summary>
internal interface IFrameCount
{
    static abstract int Count { get; }
}

internal readonly struct OneFrame : IFrameCount
{
    public static int Count => 1;
}

internal readonly struct FourFrames : IFrameCount
{
    public static int Count => 4;
}

/// <summary>Code width in the kernel planes: 2, 4 or 8 bits.</summary>
internal interface ICodeWidth
{
    static abstract int Bits { get; }
}

internal readonly struct Code2 : ICodeWidth
{
    public static int Bits => 2;
}

internal readonly struct Code4 : ICodeWidth
{
    public static int Bits => 4;
}

internal readonly struct Code8 : ICodeWidth
{
    public static int Bits => 8;
}

/// <summary>Everything an integer-dot kernel reads and writes, as raw pointers (valid during one call).</summary>
internal unsafe struct DotJob
{
    public byte* Codes;
    public sbyte* Tables;
    public sbyte* X;        // frames × PaddedCols, zero beyond Cols
    public int* Dots;       // frames × Rows × Segments
    public int Rows;
    public int PaddedCols;
    public int RowBytes;
    public int BlocksPerRow;
    public int Segments;
    public int PlanesPerSegment;
    public bool TablePerSegment;
    public byte* OffsetTables;  // level + LevelOffset per entry; valid when SmallLevels
    public bool SmallLevels;
    public int LevelOffset;     // o: offset table entry = level + o ∈ [0, MaxOffsetLevel]
    public int MaxOffsetLevel;  // U, at most 128
    public int* XSums;          // Segments ints of scratch for Σ xq per segment

    public readonly sbyte* Table(int row, int segment) =>
        Tables + (16 * (TablePerSegment ? (row * Segments) + segment : row));

    public readonly byte* OffsetTable(int row, int segment) =>
        OffsetTables + (16 * (TablePerSegment ? (row * Segments) + segment : row));
}
