using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Offline.Metrics;
using RtDenoise.Training.Mixing;

namespace RtDenoise.Training;

/// <summary>
/// Checkpoint selection by intelligibility (validation loss can keep improving while STOI does not): each
/// candidate runs as it will run (streaming STFT + <see cref="DnnSpectralProcessor"/>, latency removed) on up to
/// <see cref="MaxMixtures"/> validation mixtures, scored with the engine's STOI, ESTOI and SI-SDR; the score is
/// mean (STOI + ESTOI) / 2 + SI-SDR / 100: intelligibility, and 1 dB of SI-SDR worth 0.01 of it, so a candidate that
/// keeps speech but leaves the noise in is not preferred (selection by intelligibility alone under-suppresses).
/// </summary>
public sealed class IntelligibilityScorer : IValidationScorer
{
    public int MaxMixtures { get; init; } = 24;

    public string Name => "(STOI+ESTOI)/2+SISDR/100";

    public double Score(RtmModel model, IReadOnlyList<Mixture> mixtures)
    {
        (double stoi, double estoi, double sisdr) = MeasureAll(model, mixtures);
        return ((stoi + estoi) / 2) + (sisdr / 100);
    }

    /// <summary>Mean STOI and mean ESTOI over the first <see cref="MaxMixtures"/> mixtures.</summary>
    public (double Stoi, double Estoi) Measure(RtmModel model, IReadOnlyList<Mixture> mixtures)
    {
        (double stoi, double estoi, _) = MeasureAll(model, mixtures);
        return (stoi, estoi);
    }

    /// <summary>Mean STOI, ESTOI and SI-SDR (dB, each capped at ±100) over the first <see cref="MaxMixtures"/> mixtures.</summary>
    public (double Stoi, double Estoi, double SiSdrDb) MeasureAll(RtmModel model, IReadOnlyList<Mixture> mixtures)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(mixtures);
        int n = Math.Min(MaxMixtures, mixtures.Count);
        var stoi = new double[n];
        var estoi = new double[n];
        var sisdr = new double[n];
        Parallel.For(0, n, i =>
        {
            Mixture m = mixtures[i];
            float[] enhanced = Enhance(model, m.Noisy);
            SpeechMetricsResult r = SpeechMetrics.Compute(m.Clean, enhanced, model.SampleRate);
            (stoi[i], estoi[i], sisdr[i]) = (r.Stoi, r.Estoi, r.SiSdrDb);
        });
        return n > 0 ? (stoi.Average(), estoi.Average(), sisdr.Average()) : (0, 0, 0);
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
