using RtDenoise.Engine.Model;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Offline.Model;

/// <summary>
/// Post-training quantization of a float model: each fp32 layer's weight matrix is encoded in its chosen
/// <see cref="WeightFormat"/> (<see cref="Quantizer"/>); biases stay float32, normalisation and geometry are copied.
/// </summary>
public static class ModelQuantizer
{
    /// <summary>Quantizes layer i to <paramref name="formats"/>[i]; an fp32 entry keeps that layer as it is.</summary>
    public static RtmModel Quantize(RtmModel model, IReadOnlyList<WeightFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(formats);
        if (formats.Count != model.Layers.Count)
        {
            throw new ArgumentException($"{formats.Count} formats given for a model of {model.Layers.Count} layers.", nameof(formats));
        }

        var layers = new RtmLayer[model.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            RtmLayer layer = model.Layers[i];
            WeightFormat format = formats[i];
            if (format.Kind == WeightFormatKind.Fp32)
            {
                layers[i] = layer;
                continue;
            }

            if (layer.IsQuantized)
            {
                throw new ArgumentException($"layer {i} is already '{layer.Format}'; quantize from the fp32 model.", nameof(model));
            }

            (float[] w, float[] b) = layer.DecodeFp32();
            QuantizedMatrix q = Quantizer.Quantize(w, layer.Out, layer.In, format);
            layers[i] = RtmLayer.FromQuantized(q, layer.Activation, b);
        }

        return model.WithLayers(layers);
    }

    /// <summary>The same model with every quantized layer decoded back to fp32 (exact decoded values): the float
    /// reference a quantized model is compared with, and the starting point for re-quantization.</summary>
    public static RtmModel Dequantize(RtmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = new RtmLayer[model.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            RtmLayer layer = model.Layers[i];
            if (!layer.IsQuantized)
            {
                layers[i] = layer;
                continue;
            }

            (QuantizedMatrix q, float[] b) = layer.DecodeQuantized();
            var w = new float[q.WeightCount];
            q.Decode(w);
            layers[i] = RtmLayer.FromFp32(layer.In, layer.Out, layer.Activation, w, b);
        }

        return model.WithLayers(layers);
    }
}
