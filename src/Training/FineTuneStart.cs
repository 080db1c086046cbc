using RtDenoise.Engine.Model;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Model;
using RtDenoise.Training.Nn;

namespace RtDenoise.Training;

/// <summary>
/// Where a fine-tuning run starts and what it produces: the float model whose weights, feature normalisation, gain
/// floor and gain exponent γ are kept, and the per-layer formats the forward pass is fake-quantized to (fp32 layers
/// stay float). <see cref="Trainer"/> runs it with its usual mixing, loss and optimiser.
/// </summary>
public sealed record FineTuneStart(RtmModel Model, IReadOnlyList<WeightFormat> Formats)
{
    /// <summary>Checks the model matches the run's geometry and copies its float weights into a fresh network.</summary>
    public (Mlp Net, float[] Mean, float[] Std) ToNetwork(TrainOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (Formats.Count != Model.Layers.Count)
        {
            throw new ArgumentException($"{Formats.Count} formats for a model of {Model.Layers.Count} layers");
        }

        if (Model.Layout.WindowLength != o.Window || Model.Layout.Hop != o.Hop || Model.Layout.FftSize != o.FftSize
            || Model.SampleRate != o.SampleRate || Model.Features != o.Features)
        {
            throw new ArgumentException($"{Model.Source}: STFT geometry or features differ from the training options");
        }

        int[] sizes = [Model.Layers[0].In, .. Model.Layers.Select(l => l.Out)];
        var net = new Mlp(sizes, 0);
        for (int l = 0; l < Model.Layers.Count; l++)
        {
            RtmLayer layer = Model.Layers[l];
            if (layer.IsQuantized)
            {
                throw new ArgumentException($"{Model.Source}: layer {l} is already '{layer.Format}'; fine-tune from the fp32 model");
            }

            Activation expected = l == Model.Layers.Count - 1 ? Activation.Sigmoid : Activation.Relu;
            if (layer.Activation != expected)
            {
                throw new ArgumentException($"{Model.Source}: layer {l} has activation {layer.Activation}, the trainer's network uses {expected}");
            }

            (float[] w, float[] b) = layer.DecodeFp32();
            w.CopyTo(net.W[l], 0);
            b.CopyTo(net.B[l], 0);
        }

        return (net, (float[])Model.Mean.Clone(), (float[])Model.Std.Clone());
    }

    /// <summary>The network's current (shadow) weights in the start model's container, quantized to
    /// <see cref="Formats"/>: what the fine-tuned model file holds.</summary>
    public RtmModel ToModel(Mlp net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var layers = new List<RtmLayer>();
        for (int l = 0; l < net.LayerCount; l++)
        {
            layers.Add(RtmLayer.FromFp32(net.Sizes[l], net.Sizes[l + 1], Model.Layers[l].Activation, net.W[l], net.B[l]));
        }

        RtmModel floatModel = Model.WithLayers(layers);
        return ModelQuantizer.Quantize(floatModel, Formats);
    }
}
