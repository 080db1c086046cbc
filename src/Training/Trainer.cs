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
        // must predict is real recordings, not the training recipe.
        IReadOnlyList<Mixture> valMix = validationMixtures ?? DevSet.Generate(validation, _o.ValidationMixtures, DevSet.Seed, MixingOptions.RealDevices);

        TrainingState state = _fineTune != null ? StartFineTune(_fineTune) : _o.ResumePath != null ? Resume(_o.ResumePath) : StartFresh(gen, layout);
        TrainingContext ctx = Prepare(state, layout, gen, valMix);
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"network {string.Join("-", state.Net.Sizes)} ({state.Net.ParameterCount} parameters), train {train.Speakers.Count} speakers / {train.SpeechMinutes:0.0} min, " +
            $"validation {validation.Speakers.Count} speakers, {valMix.Count} mixtures ({ctx.ValidationFrames.Count} frames); ~{ctx.StepsPerEpoch} steps/epoch"));
        Directory.CreateDirectory(EpochDir);

        var progress = new Progress(Console.Error, !Console.IsErrorRedirected);
        var runClock = Stopwatch.StartNew();
        int lastEpoch = Math.Min(_o.Epochs, stopAfterEpoch ?? _o.Epochs);
        if (state.Fq != null)
        {
            StartValidationLoss = ValidationLoss(state.Net, state.Fq, ctx);
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fine-tuning {string.Join(",", state.Fq.Formats)}: validation loss of the quantized start {StartValidationLoss:0.00000}"));
        }

        for (int epoch = state.StartEpoch; epoch < lastEpoch; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            double trainLoss = TrainEpoch(state, ctx, epoch, progress, runClock);
            FinishEpoch(state, ctx, epoch, trainLoss, epochClock.Elapsed.TotalSeconds);
        }

        _log.WriteLine($"selected epoch {state.BestEpoch} by {SelectionName} → {_o.OutPath}");
        return state.History;
    }

    /// <summary>Quantization-aware fine-tuning: the model's weights and normalisation, trained through its formats.</summary>
    private TrainingState StartFineTune(FineTuneStart fineTune)
    {
        if (_o.ResumePath != null)
        {
            throw new ArgumentException("fine-tuning starts from a model, not a checkpoint");
        }

        (Mlp net, float[] mean, float[] std) = fineTune.ToNetwork(_o);
        var fq = new FakeQuantizer(net, fineTune.Formats);
        return new TrainingState { Net = net, Adam = new AdamW(net), Mean = mean, Std = std, History = [], StartEpoch = 0, Fq = fq };
    }

    private TrainingState Resume(string path)
    {
        Checkpoint ck = Checkpoint.Load(path);
        var state = new TrainingState
        {
            Net = ck.Net,
            Adam = ck.Adam,
            Mean = ck.Mean,
            Std = ck.Std,
            History = ck.History,
            StartEpoch = ck.EpochsDone,
            BestEpoch = ck.BestEpoch,
            BestScore = ck.BestScore,
        };
        _log.WriteLine($"resumed from {path} after epoch {state.StartEpoch} (step {state.Adam.Step})");
        if (ck.Selection != SelectionName)
        {
            // A best score measured another way cannot be compared: the next epoch becomes the new best.
            _log.WriteLine($"checkpoint selected by {ck.Selection ?? "(unknown)"}, this run by {SelectionName}: best score reset");
            (state.BestEpoch, state.BestScore) = (-1, double.NegativeInfinity);
        }

        return state;
    }

    /// <summary>A new network; feature statistics from <see cref="TrainOptions.StatisticsMixtures"/> seeded mixtures.</summary>
    private TrainingState StartFresh(MixtureGenerator gen, StftLayout layout)
    {
        var statMix = Enumerable.Range(0, _o.StatisticsMixtures)
            .Select(i => gen.Generate(new Random(Seeds.Derive(_o.Seed, -1, i)), _o.SegmentSamples)).ToList();
        (float[] mean, float[] std) = ExampleBuilder.Statistics(statMix, layout, _o.Features);
        int[] sizes = [_o.Features.Count(layout.Bins), .. _o.Hidden, layout.Bins];
        var net = new Mlp(sizes, Seeds.Derive(_o.Seed, -2));
        return new TrainingState { Net = net, Adam = new AdamW(net), Mean = mean, Std = std, History = [], StartEpoch = 0 };
    }

    private TrainingContext Prepare(TrainingState state, StftLayout layout, MixtureGenerator gen, IReadOnlyList<Mixture> valMix)
    {
        float floor = _fineTune?.Model.GainFloor ?? _o.GainFloor;
        var builder = new ExampleBuilder(layout, _o.Features, state.Mean, state.Std, _o.Compression, floor);
        int chunks = Math.Max(1, _o.MixturesPerEpoch / _o.MixturesPerChunk);
        int framesPerMixture = _o.SegmentSamples / _o.Hop;
        int stepsPerEpoch = chunks * (_o.MixturesPerChunk * framesPerMixture / _o.BatchSize);
        int b = _o.BatchSize, k = state.Net.Inputs, bins = layout.Bins;
        return new TrainingContext
        {
            Layout = layout,
            Generator = gen,
            ValidationMixtures = valMix,
            ValidationFrames = FrameSet.Concat(valMix.Select(builder.Build).ToList()),
            Loss = new MaskLoss(_o.Compression, _o.UnderWeight, _o.MaskWeight, floor),
            Builder = builder,
            Estoi = _o.EstoiWeight > 0 ? new EnvelopeCorrelationLoss(layout.Bins, _o.SampleRate, _o.Compression, floor) : null,
            Chunks = chunks,
            StepsPerEpoch = stepsPerEpoch,
            TotalSteps = (long)stepsPerEpoch * _o.Epochs,
            Xb = new float[b * k],
            Nb = new float[b * bins],
            Cb = new float[b * bins],
            Ib = new float[b * bins],
            Dl = new float[b * bins],
        };
    }

    /// <summary>One epoch of mini-batch steps over freshly generated chunks of mixtures; returns the mean train loss.</summary>
    private double TrainEpoch(TrainingState state, TrainingContext ctx, int epoch, Progress progress, Stopwatch runClock)
    {
        progress.Reset();
        double lossSum = 0;
        long lossCount = 0;
        for (int chunk = 0; chunk < ctx.Chunks; chunk++)
        {
            TrainChunk(state, ctx, epoch, chunk, ref lossSum, ref lossCount);
            double done = (epoch - state.StartEpoch + ((chunk + 1.0) / ctx.Chunks)) / (_o.Epochs - state.StartEpoch);
            progress.Update(epoch + 1, _o.Epochs, chunk + 1, ctx.Chunks, lossSum / Math.Max(lossCount, 1), runClock, done);
        }

        return lossSum / Math.Max(lossCount, 1);
    }

    /// <summary>Generates one chunk of mixtures (seeded by epoch, chunk and index) and steps through it in shuffled
    /// order: single frames, or whole segments when the segment loss is on.</summary>
    private void TrainChunk(TrainingState state, TrainingContext ctx, int epoch, int chunk, ref double lossSum, ref long lossCount)
    {
        var mixtures = new FrameSet[_o.MixturesPerChunk];
        Parallel.For(0, mixtures.Length, i =>
        {
            var rng = new Random(Seeds.Derive(_o.Seed, epoch, chunk, i));
            mixtures[i] = ctx.Builder.Build(ctx.Generator.Generate(rng, _o.SegmentSamples));
        });
        FrameSet frames = FrameSet.Concat(mixtures);
        EnvelopeCorrelationLoss? estoi = ctx.Estoi;
        var orderRng = new Random(Seeds.Derive(_o.Seed, epoch, chunk, -3));
        int[] order = estoi == null ? ShuffledFrames(frames.Count, orderRng) : ShuffledSegments(mixtures, estoi.SegmentFrames, orderRng);
        int step = estoi == null ? _o.BatchSize : _o.BatchSize / estoi.SegmentFrames * estoi.SegmentFrames;
        for (int start = 0; start + step <= order.Length; start += step)
        {
            lossSum += TrainStep(state, ctx, frames, order.AsSpan(start, step));
            lossCount++;
        }
    }

    /// <summary>One AdamW step on the frames <paramref name="batch"/> names; returns the batch's mask loss.</summary>
    private double TrainStep(TrainingState state, TrainingContext ctx, FrameSet frames, ReadOnlySpan<int> batch)
    {
        int step = batch.Length, k = state.Net.Inputs, bins = ctx.Layout.Bins;
        for (int r = 0; r < step; r++)
        {
            int f = batch[r];
            Array.Copy(frames.X, f * k, ctx.Xb, r * k, k);
            Array.Copy(frames.NoisyC, f * bins, ctx.Nb, r * bins, bins);
            Array.Copy(frames.CleanC, f * bins, ctx.Cb, r * bins, bins);
            Array.Copy(frames.Irm, f * bins, ctx.Ib, r * bins, bins);
        }

        Mlp net = state.Net;
        var dropRng = new Random(Seeds.Derive(_o.Seed, state.Adam.Step, -4));
        state.Fq?.Apply(net);
        float[] logits = net.Forward(ctx.Xb, step, _o.Dropout, dropRng);
        double loss = ctx.Loss.Compute(logits.AsSpan(0, step * bins), ctx.Nb, ctx.Cb, ctx.Ib, ctx.Dl);
        ctx.Estoi?.Accumulate(logits, ctx.Nb, ctx.Cb, step / ctx.Estoi.SegmentFrames, _o.EstoiWeight, ctx.Dl);
        net.Backward(ctx.Dl, step);
        state.Fq?.Restore(net, maskGradients: true);
        state.Adam.Update(LearningRate(state.Adam.Step, ctx.TotalSteps), _o.WeightDecay);
        return loss;
    }

    /// <summary>Validates the epoch, writes its model (and the best one, and the checkpoint), plots and logs.</summary>
    private void FinishEpoch(TrainingState state, TrainingContext ctx, int epoch, double trainLoss, double seconds)
    {
        double valLoss = ValidationLoss(state.Net, state.Fq, ctx);
        RtmModel model = _fineTune?.ToModel(state.Net) ?? ModelExport.ToModel(state.Net, _o, state.Mean, state.Std);
        double? score = _scorer?.Score(model, ctx.ValidationMixtures);
        double selection = score ?? -valLoss;
        var rec = new EpochRecord(epoch + 1, trainLoss, valLoss, score, seconds, LearningRate(state.Adam.Step, ctx.TotalSteps));
        state.History.Add(rec);
        RtmWriter.Write(Path.Combine(EpochDir, $"epoch-{epoch + 1:D3}.rtm"), model);
        bool best = selection > state.BestScore;
        if (best)
        {
            state.BestScore = selection;
            state.BestEpoch = epoch + 1;
            RtmWriter.Write(_o.OutPath, model);
        }

        // A fine-tuning run is short and restarts from its model; its checkpoint could not resume it (the formats
        // are not part of the checkpoint), so none is written.
        if (_fineTune == null)
        {
            SaveCheckpoint(state.Net, state.Adam, state.Mean, state.Std, state.History, epoch + 1, state.BestEpoch, state.BestScore);
        }

        TryPlot(state.History);
        CultureInfo inv = CultureInfo.InvariantCulture;
        string scoreText = score.HasValue ? string.Format(inv, ", validation {0} {1:0.0000}", _scorer!.Name, score.Value) : "";
        _log.WriteLine(string.Format(inv, "epoch {0}: train loss {1:0.00000}, validation loss {2:0.00000}{3}, {4:0.0} s, lr {5:0.######}{6}",
            rec.Epoch, rec.TrainLoss, valLoss, scoreText, rec.Seconds, rec.LearningRate, best ? "  * best" : ""));
        _log.Flush();
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

    private static double ValidationLoss(Mlp net, FakeQuantizer? fq, TrainingContext ctx)
    {
        fq?.Apply(net);
        try
        {
            return ValidationLoss(net, ctx.Loss, ctx.ValidationFrames, ctx.Xb);
        }
        finally
        {
            fq?.Restore(net, maskGradients: false);
        }
    }

    private static double ValidationLoss(Mlp net, MaskLoss loss, FrameSet v, float[] xb)
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
