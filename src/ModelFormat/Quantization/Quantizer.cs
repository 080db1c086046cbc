namespace RtDenoise.ModelFormat.Quantization;

/// <summary>Entry point: float matrix → <see cref="QuantizedMatrix"/> in the requested format.</summary>
public static class Quantizer
{
    /// <summary>
    /// Quantizes a row-major <paramref name="rows"/> × <paramref name="cols"/> matrix. Every weight decodes to the
    /// representable value of its group nearest to it; the grid parameters (F, shift table, scales, codebook) are
    /// chosen per format as its class documents.
    /// </summary>
    public static QuantizedMatrix Quantize(ReadOnlySpan<float> w, int rows, int cols, WeightFormat format)
    {
        if (rows < 1 || cols < 1 || (long)rows * cols > QuantizedMatrix.MaxWeights)
        {
            throw new ArgumentException($"matrix shape {rows}x{cols} is invalid (both ≥ 1, at most {QuantizedMatrix.MaxWeights} weights)");
        }

        if (w.Length != rows * cols)
        {
            throw new ArgumentException($"{w.Length} weights given for a {rows}x{cols} matrix", nameof(w));
        }

        return format.Kind switch
        {
            WeightFormatKind.Fixed => FixedPointQuantizer.Quantize(w, rows, cols, format.Bits),
            WeightFormatKind.Vbs => VbsQuantizer.Quantize(w, rows, cols, format),
            WeightFormatKind.Int => IntQuantizer.Quantize(w, rows, cols, format),
            WeightFormatKind.Lut => LutQuantizer.Quantize(w, rows, cols, format),
            _ => throw new ArgumentException("fp32 is not a quantized format; keep the float weights", nameof(format)),
        };
    }
}
