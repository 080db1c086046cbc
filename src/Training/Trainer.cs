using System.Diagnostics;
using System.Globalization;
using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Offline.Model;
using RtDenoise.Training.Data;
using RtDenoise.Training.Features;
using RtDenoise.Training.Mixing;
using RtDenoise.Training.Nn;

namespace RtDenoise.Training;

/// <summary>
/// The training run: on-the-fly mixtures → frames → mini-batch AdamW on <see cref="MaskLoss"/>, validation each
/// epoch, checkpoint + per-epoch model + best model + learning-curve PNG. Deterministic for a given seed: every
/// random draw comes from a generator seeded by (seed, epoch, chunk, index), so a resumed run continues exactly.
/// </summary>
public sealed class Trainer
{
    private readonly TrainOptions _o;
    private readonly TextWriter _log;
    private readonly IValidationScorer? _scorer;
    private readonly FineTuneStart? _fineTune;

    /// <summary>With <paramref name="fineTune"/> the run starts from that model's weights and normalisation instead of
    /// a fresh network, and trains through <see cref="FakeQuantizer"/> (quantization-aware fine-tuning).</summary>
    public Trainer(TrainOptions options, TextWriter log, IValidationScorer? scorer = null, FineTuneStart? fineTune = null)
    {
        _o = options;
        _log = log;
        _scorer = scorer;
        _fineTune = fineTune;
    }

    /// <summary>Fine-tuning only: validation loss of the starting weights, quantized (before the first step).</summary>
    public double? StartValidationLoss { get; private set; }

    public string CheckpointPath => _o.OutPath + ".ckpt";

    private string SelectionName => _scorer != null ? "validation " + _scorer.Name : "validation loss";

    public string EpochDir => _o.OutPath + ".epochs";

    public string CurvePath => Path.ChangeExtension(_o.OutPath, ".curve.png");

    /// <summary>Runs on a loaded corpus (tests pass tiny generated parts); returns the history.
    /// <paramref name="stopAfterEpoch"/> ends this call early (as an interrupted run would) without changing the
    /// schedule, which is laid out over <see cref="TrainOptions.Epochs"/>.</summary>
    public List<EpochRecord> Run(CorpusPart train, CorpusPart validation, IReadOnlyList<Mixture>? validationMixtures = null,
        int? stopAfterEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        var layout = new StftLayout(_o.Window, _o.Hop, _o.FftSize, _o.SampleRate);
        layout.Validate();
        var gen = new MixtureGenerator(train, new MixingOptions());
        // Validation under real-device conditions (levels, microphones, rumble, stationary noise): what selection
        // must predict is real recordings, not the training recipe (issue 13).
        IReadOnlyList<Mixture> valMix = validationMixtures ?? DevSet.Generate(validation, _o.ValidationMixtures, DevSet.Seed, MixingOptions.RealDevices);

        Mlp net;
        AdamW adam;
        float[] mean, std;
        List<EpochRecord> history;
        int startEpoch, bestEpoch;
        double bestScore;
        FakeQuantizer? fq = null;
        if (_fineTune != null)
        {
            if (_o.ResumePath != null)
            {
                throw new ArgumentException("fine-tuning starts from a model, not a checkpoint");
            }

            (net, mean, std) = _fineTune.ToNetwork(_o);
            fq = new FakeQuantizer(net, _fineTune.Formats);
            adam = new AdamW(net);
            history = [];
            (startEpoch, bestEpoch, bestScore) = (0, -1, double.NegativeInfinity);
        }
        else if (_o.ResumePath != null)
        {
            Checkpoint ck = Checkpoint.Load(_o.ResumePath);
            (net, adam, mean, std, history) = (ck.Net, ck.Adam, ck.Mean, ck.Std, ck.History);
            (startEpoch, bestEpoch, bestScore) = (ck.EpochsDone, ck.BestEpoch, ck.BestScore);
            _log.WriteLine($"resumed from {_o.ResumePath} after epoch {startEpoch} (step {adam.Step})");
            if (ck.Selection != SelectionName)
            {
                // A best score measured another way cannot be compared: the next epoch becomes the new best.
                _log.WriteLine($"checkpoint selected by {ck.Selection ?? "(unknown)"}, this run by {SelectionName}: best score reset");
                (bestEpoch, bestScore) = (-1, double.NegativeInfinity);
            }
        }
        else
        {
            var statMix = Enumerable.Range(0, _o.StatisticsMixtures)
                .Select(i => gen.Generate(new Random(Seeds.Derive(_o.Seed, -1, i)), _o.SegmentSamples)).ToList();
            (mean, std) = ExampleBuilder.Statistics(statMix, layout, _o.Features);
            int[] sizes = [_o.Features.Count(layout.Bins), .. _o.Hidden, layout.Bins];
            net = new Mlp(sizes, Seeds.Derive(_o.Seed, -2));
            adam = new AdamW(net);
            history = [];
            (startEpoch, bestEpoch, bestScore) = (0, -1, double.NegativeInfinity);
        }

        float floor = _fineTune?.Model.GainFloor ?? _o.GainFloor;
        var loss = new MaskLoss(_o.Compression, _o.UnderWeight, _o.MaskWeight, floor);
        var builder = new ExampleBuilder(layout, _o.Features, mean, std, _o.Compression, floor);
        EnvelopeCorrelationLoss? estoi = _o.EstoiWeight > 0 ? new EnvelopeCorrelationLoss(layout.Bins, _o.SampleRate, _o.Compression, floor) : null;
        FrameSet valFrames = FrameSet.Concat(valMix.Select(builder.Build).ToList());
        int chunks = Math.Max(1, _o.MixturesPerEpoch / _o.MixturesPerChunk);
        int framesPerMixture = _o.SegmentSamples / _o.Hop;
        int stepsPerEpoch = chunks * (_o.MixturesPerChunk * framesPerMixture / _o.BatchSize);
        long totalSteps = (long)stepsPerEpoch * _o.Epochs;
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"network {string.Join("-", net.Sizes)} ({net.ParameterCount} parameters), train {train.Speakers.Count} speakers / {train.SpeechMinutes:0.0} min, " +
            $"validation {validation.Speakers.Count} speakers, {valMix.Count} mixtures ({valFrames.Count} frames); ~{stepsPerEpoch} steps/epoch"));
        Directory.CreateDirectory(EpochDir);

        var progress = new Progress(Console.Error, !Console.IsErrorRedirected);
        var runClock = Stopwatch.StartNew();
        int b = _o.BatchSize, k = net.Inputs, bins = layout.Bins;
        var xb = new float[b * k];
        var nb = new float[b * bins];
        var cb = new float[b * bins];
        var ib = new float[b * bins];
        var dl = new float[b * bins];
        int lastEpoch = Math.Min(_o.Epochs, stopAfterEpoch ?? _o.Epochs);
        if (fq != null)
        {
            StartValidationLoss = ValidationLoss(net, fq, loss, valFrames, xb, nb, cb, ib);
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fine-tuning {string.Join(",", fq.Formats)}: validation loss of the quantized start {StartValidationLoss:0.00000}"));
        }

        for (int epoch = startEpoch; epoch < lastEpoch; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            progress.Reset();
            double lossSum = 0;
            long lossCount = 0;
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                var mixtures = new FrameSet[_o.MixturesPerChunk];
                Parallel.For(0, mixtures.Length, i =>
                {
                    var rng = new Random(Seeds.Derive(_o.Seed, epoch, chunk, i));
                    mixtures[i] = builder.Build(gen.Generate(rng, _o.SegmentSamples));
                });
                FrameSet frames = FrameSet.Concat(mixtures);
                var orderRng = new Random(Seeds.Derive(_o.Seed, epoch, chunk, -3));
                int[] order = estoi == null ? ShuffledFrames(frames.Count, orderRng) : ShuffledSegments(mixtures, estoi.SegmentFrames, orderRng);
                int step = estoi == null ? b : b / estoi.SegmentFrames * estoi.SegmentFrames;
                for (int start = 0; start + step <= order.Length; start += step)
                {
                    for (int r = 0; r < step; r++)
                    {
                        int f = order[start + r];
                        Array.Copy(frames.X, f * k, xb, r * k, k);
                        Array.Copy(frames.NoisyC, f * bins, nb, r * bins, bins);
                        Array.Copy(frames.CleanC, f * bins, cb, r * bins, bins);
                        Array.Copy(frames.Irm, f * bins, ib, r * bins, bins);
                    }

                    var dropRng = new Random(Seeds.Derive(_o.Seed, adam.Step, -4));
                    fq?.Apply(net);
                    float[] logits = net.Forward(xb, step, _o.Dropout, dropRng);
                    lossSum += loss.Compute(logits.AsSpan(0, step * bins), nb, cb, ib, dl);
                    lossCount++;
                    estoi?.Accumulate(logits, nb, cb, step / estoi.SegmentFrames, _o.EstoiWeight, dl);
                    net.Backward(dl, step);
                    fq?.Restore(net, maskGradients: true);
                    adam.Update(LearningRate(adam.Step, totalSteps), _o.WeightDecay);
                }

                double done = (epoch - startEpoch + ((chunk + 1.0) / chunks)) / (_o.Epochs - startEpoch);
                progress.Update(epoch + 1, _o.Epochs, chunk + 1, chunks, lossSum / Math.Max(lossCount, 1), runClock, done);
            }

            double valLoss = ValidationLoss(net, fq, loss, valFrames, xb, nb, cb, ib);
            RtmModel model = _fineTune?.ToModel(net) ?? ModelExport.ToModel(net, _o, mean, std);
            double? score = _scorer?.Score(model, valMix);
            double selection = score ?? -valLoss;
            var rec = new EpochRecord(epoch + 1, lossSum / Math.Max(lossCount, 1), valLoss, score,
                epochClock.Elapsed.TotalSeconds, LearningRate(adam.Step, totalSteps));
            history.Add(rec);
            RtmWriter.Write(Path.Combine(EpochDir, $"epoch-{epoch + 1:D3}.rtm"), model);
            bool best = selection > bestScore;
            if (best)
            {
                bestScore = selection;
                bestEpoch = epoch + 1;
                RtmWriter.Write(_o.OutPath, model);
            }

            // A fine-tuning run is short and restarts from its model; its checkpoint could not resume it (the formats
            // are not part of the checkpoint), so none is written.
            if (_fineTune == null)
            {
                SaveCheckpoint(net, adam, mean, std, history, epoch + 1, bestEpoch, bestScore);
            }

            TryPlot(history);
            CultureInfo inv = CultureInfo.InvariantCulture;
            string scoreText = score.HasValue ? string.Format(inv, ", validation {0} {1:0.0000}", _scorer!.Name, score.Value) : "";
            _log.WriteLine(string.Format(inv, "epoch {0}: train loss {1:0.00000}, validation loss {2:0.00000}{3}, {4:0.0} s, lr {5:0.######}{6}",
                rec.Epoch, rec.TrainLoss, valLoss, scoreText, rec.Seconds, rec.LearningRate, best ? "  * best" : ""));
            _log.Flush();
        }

        _log.WriteLine($"selected epoch {bestEpoch} by {SelectionName} → {_o.OutPath}");
        return history;
    }

    private void SaveCheckpoint(Mlp net, AdamW adam, float[] mean, float[] std, List<EpochRecord> history, int epochsDone,
        int bestEpoch, double bestScore)
    {
        new Checkpoint
        {
            Options = _o with { ResumePath = null },
            EpochsDone = epochsDone,
            Step = adam.Step,
            History = history,
            BestEpoch = bestEpoch,
            BestScore = bestScore,
            Mean = mean,
            Std = std,
            Net = net,
            Adam = adam,
            Selection = SelectionName,
        }.Save(CheckpointPath);
    }

    private static int[] ShuffledFrames(int count, Random rng)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order);
        return order;
    }

    /// <summary>Frame order for a segment loss: whole segments of <paramref name="n"/> consecutive frames of one
    /// mixture, the segments shuffled (frames past a mixture's last whole segment are left out).</summary>
    private static int[] ShuffledSegments(FrameSet[] mixtures, int n, Random rng)
    {
        var starts = new List<int>();
        int offset = 0;
        foreach (FrameSet m in mixtures)
        {
            for (int s = 0; s + n <= m.Count; s += n)
            {
                starts.Add(offset + s);
            }

            offset += m.Count;
        }

        int[] shuffled = [.. starts];
        rng.Shuffle(shuffled);
        return [.. shuffled.SelectMany(s => Enumerable.Range(s, n))];
    }

    /// <summary>Linear warm-up, then cosine decay to 5% of the peak (Loshchilov &amp; Hutter, SGDR).</summary>
    public float LearningRate(long step, long totalSteps)
    {
        if (step < _o.WarmupSteps)
        {
            return _o.LearningRate * (step + 1) / _o.WarmupSteps;
        }

        double p = Math.Clamp((double)(step - _o.WarmupSteps) / Math.Max(1, totalSteps - _o.WarmupSteps), 0, 1);
        return (float)(_o.LearningRate * (0.05 + (0.95 * 0.5 * (1 + Math.Cos(Math.PI * p)))));
    }

    private static double ValidationLoss(Mlp net, FakeQuantizer? fq, MaskLoss loss, FrameSet v, float[] xb, float[] nb, float[] cb, float[] ib)
    {
        fq?.Apply(net);
        try
        {
            return ValidationLoss(net, loss, v, xb, nb, cb, ib);
        }
        finally
        {
            fq?.Restore(net, maskGradients: false);
        }
    }

    private static double ValidationLoss(Mlp net, MaskLoss loss, FrameSet v, float[] xb, float[] nb, float[] cb, float[] ib)
    {
        int b = xb.Length / v.Features, bins = v.Bins;
        double sum = 0;
        long n = 0;
        for (int start = 0; start < v.Count; start += b)
        {
            int m = Math.Min(b, v.Count - start);
            Array.Copy(v.X, start * v.Features, xb, 0, m * v.Features);
            float[] logits = net.Forward(xb, m);
            int len = m * bins;
            sum += loss.Compute(logits.AsSpan(0, len), v.NoisyC.AsSpan(start * bins, len), v.CleanC.AsSpan(start * bins, len),
                v.Irm.AsSpan(start * bins, len), Span<float>.Empty) * len;
            n += len;
        }

        return sum / Math.Max(n, 1);
    }

    private void TryPlot(List<EpochRecord> history)
    {
        try
        {
            LearningCurvePlot.Save(CurvePath, history, _scorer?.Name);
        }
        catch (Exception ex) when (ex is IOException or TypeInitializationException or DllNotFoundException)
        {
            _log.WriteLine($"learning curve not drawn: {ex.Message}");
        }
    }
}
