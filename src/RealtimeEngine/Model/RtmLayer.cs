using System.Buffers.Binary;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Engine.Model;

/// <summary>
/// One fully connected layer of a model: y = act(W·x + b), W is <see cref="Out"/> × <see cref="In"/>. The weights
/// live in <see cref="Payload"/>, encoded as <see cref="Format"/> says (see <see cref="RtmFormat"/>).
/// </summary>
public sealed class RtmLayer
{
    public RtmLayer(int inputs, int outputs, Activation activation, string format, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(payload);
        In = inputs;
        Out = outputs;
        Activation = activation;
        Format = format;
        Payload = payload;
    }

    public int In { get; }

    public int Out { get; }

    public Activation Activation { get; }

    /// <summary>Weight format name, e.g. "fp32".</summary>
    public string Format { get; }

    /// <summary>Encoded weights and biases; its length is the layer's exact memory cost.</summary>
    public byte[] Payload { get; }

    /// <summary>Number of weights (In × Out), biases excluded.</summary>
    public long WeightCount => (long)In * Out;

    /// <summary>Builds an fp32 layer: payload = W (row-major) then b.</summary>
    public static RtmLayer FromFp32(int inputs, int outputs, Activation activation, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> bias)
    {
        if (weights.Length != inputs * outputs || bias.Length != outputs)
        {
            throw new ArgumentException($"fp32 layer {inputs}→{outputs} needs {inputs * outputs} weights and {outputs} biases.");
        }

        var payload = new byte[4 * (weights.Length + bias.Length)];
        for (int i = 0; i < weights.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(4 * i), weights[i]);
        }

        for (int i = 0; i < bias.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(4 * (weights.Length + i)), bias[i]);
        }

        return new RtmLayer(inputs, outputs, activation, RtmFormat.FormatFp32, payload);
    }

    /// <summary>
    /// Exact memory of this layer, split in three: weight codes (fp32: the float32 weights), per-layer
    /// or per-group metadata and tables (F, shift tables, scales, codebooks; 0 for fp32), and the float32 biases. The
    /// three add up to the payload length.
    /// </summary>
    public (long Codes, long Metadata, long Bias) MemoryBreakdown()
    {
        long bias = 4L * Out;
        if (!IsQuantized)
        {
            return (Payload.Length - bias, 0, bias);
        }

        QuantizedMatrix q = DecodeQuantized().Weights;
        return (q.CodeBytes, q.MetadataBytes, bias);
    }

    /// <summary>True for every format but fp32.</summary>
    public bool IsQuantized => Format != RtmFormat.FormatFp32;

    /// <summary>
    /// Builds a quantized layer: payload = the matrix's tight payload (<see cref="QuantizedMatrix.WriteTo"/>: metadata,
    /// then the bit-packed codes) followed by the bias as <c>Out</c> little-endian float32; format = the matrix's
    /// format name (e.g. "vbs4", "int4b32", "lut3").
    /// </summary>
    public static RtmLayer FromQuantized(QuantizedMatrix weights, Activation activation, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (bias.Length != weights.Rows)
        {
            throw new ArgumentException($"quantized layer {weights.Cols}→{weights.Rows} needs {weights.Rows} biases, got {bias.Length}.");
        }

        using var stream = new MemoryStream();
        weights.WriteTo(stream);
        int codes = (int)stream.Length;
        var payload = new byte[codes + (4 * bias.Length)];
        stream.GetBuffer().AsSpan(0, codes).CopyTo(payload);
        for (int i = 0; i < bias.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(codes + (4 * i)), bias[i]);
        }

        return new RtmLayer(weights.Cols, weights.Rows, activation, weights.Format.ToString(), payload);
    }

    /// <summary>
    /// Parses a quantized payload into its packed matrix (codes stay codes; nothing is expanded to float) and bias.
    /// Throws <see cref="InvalidDataException"/> naming the first bad field: unknown format, payload length that does
    /// not match format and shape, invalid metadata, non-finite bias.
    /// </summary>
    public (QuantizedMatrix Weights, float[] Bias) DecodeQuantized()
    {
        if (!WeightFormat.TryParse(Format, out WeightFormat format, out string? error) || format.Kind == WeightFormatKind.Fp32)
        {
            throw new InvalidDataException($"weight format '{Format}' is unknown ({error ?? "fp32 is not quantized"})");
        }

        long biasBytes = 4L * Out;
        if (Payload.Length <= biasBytes)
        {
            throw new InvalidDataException($"{Format} payload of {Payload.Length} bytes cannot hold the {biasBytes}-byte bias and any weights");
        }

        int weightBytes = (int)(Payload.Length - biasBytes);
        QuantizedMatrix q = QuantizedMatrix.Read(Payload.AsSpan(0, weightBytes), Out, In, format);
        var b = new float[Out];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = BinaryPrimitives.ReadSingleLittleEndian(Payload.AsSpan(weightBytes + (4 * i)));
            if (!float.IsFinite(b[i]))
            {
                throw new InvalidDataException($"{Format} bias #{i} is not finite");
            }
        }

        return (q, b);
    }

    /// <summary>Decodes an fp32 payload into new arrays (W row-major, b).</summary>
    public (float[] Weights, float[] Bias) DecodeFp32()
    {
        if (Format != RtmFormat.FormatFp32 || Payload.Length != 4 * ((In * Out) + Out))
        {
            throw new InvalidOperationException($"layer {In}→{Out} is '{Format}', not a well-formed fp32 layer.");
        }

        var w = new float[In * Out];
        var b = new float[Out];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = BinaryPrimitives.ReadSingleLittleEndian(Payload.AsSpan(4 * i));
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = BinaryPrimitives.ReadSingleLittleEndian(Payload.AsSpan(4 * (w.Length + i)));
        }

        return (w, b);
    }
}
