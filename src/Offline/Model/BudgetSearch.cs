using RtDenoise.Engine.Model;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Offline.Model;

/// <summary>
/// Automatic mixed precision under a memory budget (<c>rtdenoise quantize --budget-kb K</c>): chooses one
/// weight format per layer so that the model's exact memory (<see cref="RtmModel.TotalBytes"/>: codes, metadata,
/// biases, normalisation) never exceeds the budget, minimising a fidelity proxy.
/// </summary>
/// <remarks>
/// <para><b>Proxy.</b> For a layer y = W·x with roughly white input, the output noise power relative to the output
/// power equals the relative weight noise power e = ‖W − Ŵ‖²_F / ‖W‖²_F, and the noise of successive layers adds
/// approximately, so the proxy of a model is Σ_layers e (smaller is better; −10·log10 of it is an SNR in dB).</para>
/// <para><b>Greedy.</b> Start from each layer's smallest candidate; if that already exceeds the budget there is no
/// solution. Then repeatedly apply the single-layer change with the largest proxy reduction per added byte among
/// the changes that keep the total within the budget (a change that reduces both bytes and error is taken first);
/// stop when no change fits. Every step keeps total ≤ budget, so the result never exceeds it.</para>
/// </remarks>
public static class BudgetSearch
{
    /// <summary>fp32 and fixed/vbs/int/lut at 2..8 bits.</summary>
    public static IReadOnlyList<WeightFormat> DefaultCandidates { get; } =
    [
        WeightFormat.Fp32,
        .. Enumerable.Range(2, 7).SelectMany(b => new[] { WeightFormat.Fixed(b), WeightFormat.Vbs(b), WeightFormat.Int(b), WeightFormat.Lut(b) }),
    ];

    public sealed record Choice(IReadOnlyList<WeightFormat> Formats, long TotalBytes, double Proxy);

    /// <summary>Returns the chosen formats, or null when even the smallest candidates exceed <paramref name="budgetBytes"/>.</summary>
    public static Choice? Search(RtmModel floatModel, long budgetBytes, IReadOnlyList<WeightFormat>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(floatModel);
        candidates ??= DefaultCandidates;
        int layers = floatModel.Layers.Count;
        var options = new List<(WeightFormat Format, long Bytes, double Error)>[layers];
        for (int l = 0; l < layers; l++)
        {
            RtmLayer layer = floatModel.Layers[l];
            if (layer.IsQuantized)
            {
                throw new ArgumentException($"layer {l} is already '{layer.Format}'; search from the fp32 model.", nameof(floatModel));
            }

            (float[] w, float[] b) = layer.DecodeFp32();
            double energy = w.Sum(v => (double)v * v);
            options[l] = [];
            var decoded = new float[w.Length];
            foreach (WeightFormat f in candidates)
            {
                if (f.Kind == WeightFormatKind.Fp32)
                {
                    options[l].Add((f, layer.Payload.Length, 0));
                    continue;
                }

                QuantizedMatrix q = Quantizer.Quantize(w, layer.Out, layer.In, f);
                q.Decode(decoded);
                double err = 0;
                for (int i = 0; i < w.Length; i++)
                {
                    double d = decoded[i] - w[i];
                    err += d * d;
                }

                options[l].Add((f, q.StorageBytes + (4L * b.Length), energy > 0 ? err / energy : 0));
            }
        }

        long fixedBytes = floatModel.NormalisationBytes;
        int[] pick = [.. options.Select(o => IndexOfMin(o, x => x.Bytes, x => x.Error))];
        long total = fixedBytes + Enumerable.Range(0, layers).Sum(l => options[l][pick[l]].Bytes);
        if (total > budgetBytes)
        {
            return null;
        }

        while (true)
        {
            int bestLayer = -1, bestOption = -1;
            double bestScore = 0;
            for (int l = 0; l < layers; l++)
            {
                var cur = options[l][pick[l]];
                for (int o = 0; o < options[l].Count; o++)
                {
                    var cand = options[l][o];
                    double gain = cur.Error - cand.Error;
                    long added = cand.Bytes - cur.Bytes;
                    if (gain <= 0 || total + added > budgetBytes)
                    {
                        continue;
                    }

                    double score = added <= 0 ? double.PositiveInfinity : gain / added;
                    if (bestLayer < 0 || score > bestScore)
                    {
                        (bestLayer, bestOption, bestScore) = (l, o, score);
                    }
                }
            }

            if (bestLayer < 0)
            {
                break;
            }

            total += options[bestLayer][bestOption].Bytes - options[bestLayer][pick[bestLayer]].Bytes;
            pick[bestLayer] = bestOption;
        }

        return new Choice(
            [.. Enumerable.Range(0, layers).Select(l => options[l][pick[l]].Format)],
            total,
            Enumerable.Range(0, layers).Sum(l => options[l][pick[l]].Error));
    }

    private static int IndexOfMin<T>(List<T> items, Func<T, long> key, Func<T, double> tie)
    {
        int best = 0;
        for (int i = 1; i < items.Count; i++)
        {
            if (key(items[i]) < key(items[best]) || (key(items[i]) == key(items[best]) && tie(items[i]) < tie(items[best])))
            {
                best = i;
            }
        }

        return best;
    }
}
