namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Utterance splitting of P.862: an utterance with at least 200 blocks (0.8 s) of speech is tried at a
/// series of break points; where the part before and the part after each align with more confidence than the whole,
/// and their delays differ by at least one block, the utterance is split at the most confident break point (and the
/// halves are tried again).
/// </summary>
internal static class UtteranceSplitter
{
    private const int MinSpeechBlocksToSplit = 200;

    public static void SplitAll(AlignmentInputs inputs, UtteranceTable table)
    {
        double[] vad = inputs.ReferenceActivity.Envelope;
        int block = inputs.Rate.BlockSize;
        int margin = PesqConstants.SearchBuffer;
        int degLength = inputs.Degraded.Length;
        int utt = 0;
        while (utt < table.Count && table.Count < PesqConstants.MaxUtterances)
        {
            int start = table.Start[utt], end = table.End[utt];
            int speechStart = start;
            while (speechStart < end && vad[speechStart] <= 0)
            {
                speechStart++;
            }

            int speechEnd = end;
            while (speechEnd > start && vad[speechEnd] <= 0)
            {
                speechEnd--;
            }

            speechEnd++;
            if (speechEnd - speechStart < MinSpeechBlocksToSplit)
            {
                utt++;
                continue;
            }

            var split = new SplitSearch(inputs, start, speechStart, speechEnd, end, table.DelayEstimate[utt], table.Confidence[utt]);
            SplitResult? best = split.Best();
            if (best is not { } b)
            {
                utt++;
                continue;
            }

            table.OpenSlotAfter(utt);
            (table.DelayEstimate[utt], table.Delay[utt], table.Confidence[utt]) = (b.Estimate1, b.Delay1, b.Confidence1);
            (table.DelayEstimate[utt + 1], table.Delay[utt + 1], table.Confidence[utt + 1]) = (b.Estimate2, b.Delay2, b.Confidence2);
            table.SearchStart[utt + 1] = table.SearchStart[utt];
            table.SearchEnd[utt + 1] = table.SearchEnd[utt];
            int overlap = b.Delay2 < b.Delay1 ? 0 : (b.Delay2 - b.Delay1) / (2 * block);
            table.Start[utt] = start;
            table.End[utt] = b.BreakPoint + overlap;
            table.Start[utt + 1] = b.BreakPoint - overlap;
            table.End[utt + 1] = end;
            if (((table.Start[utt] - margin) * block) + b.Delay1 < 0)
            {
                table.Start[utt] = margin + ((block - 1 - b.Delay1) / block);
            }

            if ((table.End[utt + 1] * block) + b.Delay2 > degLength - (margin * block))
            {
                table.End[utt + 1] = ((degLength - b.Delay2) / block) - margin;
            }
        }
    }
}

/// <summary>The chosen split: crude estimate, fine delay and confidence of each part, and the break block.</summary>
internal readonly record struct SplitResult(
    int Estimate1, int Delay1, double Confidence1, int Estimate2, int Delay2, double Confidence2, int BreakPoint);
