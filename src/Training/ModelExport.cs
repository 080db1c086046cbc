using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Training.Nn;

namespace RtDenoise.Training;

/// <summary>Turns trained weights into an fp32 <see cref="RtmModel"/> (hidden layers ReLU, output sigmoid mask).</summary>
public static class ModelExport
{
    public static RtmModel ToModel(Mlp net, TrainOptions o, float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(o);
        var layers = new List<RtmLayer>();
        for (int l = 0; l < net.LayerCount; l++)
        {
            bool last = l == net.LayerCount - 1;
            layers.Add(RtmLayer.FromFp32(net.Sizes[l], net.Sizes[l + 1],
                last ? Activation.Sigmoid : Activation.Relu, net.W[l], net.B[l]));
        }

        return new RtmModel(new StftLayout(o.Window, o.Hop, o.FftSize, o.SampleRate), o.Context, o.GainFloor,
            (float[])mean.Clone(), (float[])std.Clone(), layers)
        {
            FeatureKind = o.FeatureKind,
            LevelTauSeconds = o.FeatureKind == RtmFormat.FeatureLogPower ? 0f : o.LevelTauSeconds,
        };
    }
}
