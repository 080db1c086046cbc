using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>Small random fp32 models for format and processor tests.</summary>
internal static class TestModels
{
    public static RtmModel Random(int seed, int window = 64, int context = 2, int hidden = 8, bool heScaled = false, bool noiseAware = false)
    {
        var layout = new StftLayout(window, window / 2, window, 16000);
        var rng = new Random(seed);
        FeatureSpec spec = noiseAware ? FeatureSpec.LevelNormalised(context, 1.5f) : FeatureSpec.AbsoluteLogPower(context);
        int bins = layout.Bins, k = spec.Count(bins);
        float[] mean = Enumerable.Range(0, k).Select(_ => (float)(rng.NextDouble() * 4 - 10)).ToArray();
        float[] std = Enumerable.Range(0, k).Select(_ => (float)(1 + rng.NextDouble())).ToArray();
        int[] sizes = [k, hidden, hidden, bins];
        var layers = new List<RtmLayer>();
        for (int l = 0; l < 3; l++)
        {
            // heScaled: uniform ±√(6/in) (He init), so activations keep their scale through the layers like a
            // trained network's; otherwise uniform ±0.5.
            double a = heScaled ? 2 * Math.Sqrt(6.0 / sizes[l]) : 1;
            float[] w = Enumerable.Range(0, sizes[l] * sizes[l + 1]).Select(_ => (float)((rng.NextDouble() - 0.5) * a)).ToArray();
            float[] b = Enumerable.Range(0, sizes[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            layers.Add(RtmLayer.FromFp32(sizes[l], sizes[l + 1], l == 2 ? Activation.Sigmoid : Activation.Relu, w, b));
        }

        return new RtmModel(layout, context, 0.056f, mean, std, layers)
        {
            FeatureKind = spec.Kind,
            LevelTauSeconds = spec.LevelTauSeconds,
            DefaultAttenuationLimitDb = noiseAware ? 24f : RtmFormat.NoAttenuationLimitDb,
        };
    }
}
