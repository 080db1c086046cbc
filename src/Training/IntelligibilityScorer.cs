using RtDenoise.Engine.Metrics;
using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Training.Mixing;

namespace RtDenoise.Training;

/// <summary>
/// Checkpoint selection by intelligibility (design §3: validation loss kept improving while STOI did not): each
/// candidate runs as it will run (streaming STFT + <see cref="DnnSpectralProcessor"/>, latency removed) on up to
/// <see cref="MaxMixtures"/> validation mixtures, scored with the engine's STOI and ESTOI; the score is
/// mean (STOI + ESTOI) / 2.
/// </summary>
public sealed class IntelligibilityScorer : IValidationScorer
{
    public int MaxMixtures { get; init; } = 24;

    public string Name => "(STOI+ESTOI)/2";

    public double Score(RtmModel model, IReadOnlyList<Mixture> mixtures)
    {
        (double stoi, double estoi) = Measure(model, mixtures);
        return (stoi + estoi) / 2;
    }

    /// <summary>Mean STOI and mean ESTOI over the first <see cref="MaxMixtures"/> mixtures.</summary>
    public (double Stoi, double Estoi) Measure(RtmModel model, IReadOnlyList<Mixture> mixtures)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(mixtures);
        int n = Math.Min(MaxMixtures, mixtures.Count);
        var stoi = new double[n];
        var estoi = new double[n];
        Parallel.For(0, n, i =>
        {
            Mixture m = mixtures[i];
            float[] enhanced = Enhance(model, m.Noisy);
            SpeechMetricsResult r = SpeechMetrics.Compute(m.Clean, enhanced, model.SampleRate);
            (stoi[i], estoi[i]) = (r.Stoi, r.Estoi);
        });
        return n > 0 ? (stoi.Average(), estoi.Average()) : (0, 0);
    }

    /// <summary>Streams <paramref name="noisy"/> through the model and returns the output aligned with the input.</summary>
    public static float[] Enhance(RtmModel model, float[] noisy)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(noisy);
        var stft = new StreamingStft(model.Layout, new DnnSpectralProcessor(model));
        int lat = stft.LatencySamples;
        var input = new float[noisy.Length + lat];
        noisy.CopyTo(input, 0);
        var output = new float[input.Length];
        stft.Process(input, output);
        return output[lat..];
    }
}
