namespace RtDenoise.ModelFormat.Quantization;

/// <summary>Which weights share one table of code → integer level.</summary>
public enum LevelTableScope
{
    /// <summary>One table for the whole matrix (fixed, int, per-layer vbs, per-layer lut).</summary>
    Matrix,

    /// <summary>One table per row (per-row lut).</summary>
    Row,

    /// <summary>One table per segment of a row (grouped vbs: each group has its own shift table).</summary>
    Segment,
}
