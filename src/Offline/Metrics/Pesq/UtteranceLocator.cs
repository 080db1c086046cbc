namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// Utterance detection and per-utterance delay of P.862: speech runs of the reference envelope that
/// last at least 0.2 s and overlap the (crudely aligned) degraded signal become utterances; each gets a crude and a
/// fine delay, the utterance bounds are then spread to tile the signal, and long ones may be split.
/// </summary>
internal static class UtteranceLocator
{
    public static UtteranceTable Locate(AlignmentInputs inputs)
    {
        var table = new UtteranceTable { CrudeDelay = inputs.WholeSignalDelay() };
        FindSearchWindows(inputs, table);
        if (table.Count == 0)
        {
            return table;
        }

        for (int utt = 0; utt < table.Count; utt++)
        {
            table.DelayEstimate[utt] = inputs.RangeDelay(table.SearchStart[utt], table.SearchEnd[utt], table.CrudeDelay);
            (table.Delay[utt], table.Confidence[utt]) =
                inputs.FineDelay(table.SearchStart[utt], table.SearchEnd[utt], table.DelayEstimate[utt]);
        }

        SetUtteranceBounds(inputs, table);
        UtteranceSplitter.SplitAll(inputs, table);
        return table;
    }

    /// <summary>Speech runs of the reference envelope that qualify as utterances, as (start, end) block pairs.</summary>
    private static List<(int Start, int End)> SpeechRuns(AlignmentInputs inputs, int crudeDelay)
    {
        double[] vad = inputs.ReferenceActivity.Envelope;
        int blocks = inputs.Reference.BlockCount(inputs.Rate);
        int block = inputs.Rate.BlockSize;
        int degStartLimit = PesqConstants.MinUtteranceLength - (crudeDelay / block);
        int degEndLimit = ((inputs.Degraded.Length - crudeDelay) / block) - PesqConstants.MinUtteranceLength;
        var runs = new List<(int, int)>();
        bool inSpeech = false;
        int start = 0;
        for (int i = 0; i < blocks; i++)
        {
            if (vad[i] > 0 && !inSpeech)
            {
                inSpeech = true;
                start = i;
            }

            if ((vad[i] == 0 || i == blocks - 1) && inSpeech)
            {
                inSpeech = false;
                bool accepted = i - start >= PesqConstants.MinUtteranceLength && start < degEndLimit && i > degStartLimit;
                if (accepted && runs.Count < PesqConstants.MaxUtterances)
                {
                    runs.Add((start, i));
                }
            }
        }

        return runs;
    }

    /// <summary>Each utterance's search window: its speech run widened by the search buffer on both sides.</summary>
    private static void FindSearchWindows(AlignmentInputs inputs, UtteranceTable table)
    {
        int blocks = inputs.Reference.BlockCount(inputs.Rate);
        List<(int Start, int End)> runs = SpeechRuns(inputs, table.CrudeDelay);
        for (int utt = 0; utt < runs.Count; utt++)
        {
            table.SearchStart[utt] = Math.Max(runs[utt].Start - PesqConstants.SearchBuffer, 0);
            table.SearchEnd[utt] = Math.Min(runs[utt].End + PesqConstants.SearchBuffer, blocks - 1);
        }

        table.Count = runs.Count;
    }

    /// <summary>
    /// Utterance bounds: the first starts at the search buffer and the last ends one search buffer before the end;
    /// neighbours meet half-way between speech runs, then bounds are pulled in where the delays would read outside
    /// the degraded signal or make neighbours overlap.
    /// </summary>
    private static void SetUtteranceBounds(AlignmentInputs inputs, UtteranceTable table)
    {
        List<(int Start, int End)> runs = SpeechRuns(inputs, table.CrudeDelay);
        int n = table.Count;
        int block = inputs.Rate.BlockSize;
        int degLength = inputs.Degraded.Length;
        for (int utt = 0; utt < n; utt++)
        {
            (table.Start[utt], table.End[utt]) = runs[utt];
        }

        table.Start[0] = PesqConstants.SearchBuffer;
        table.End[n - 1] = inputs.Reference.BlockCount(inputs.Rate) - PesqConstants.SearchBuffer;
        for (int utt = 1; utt < n; utt++)
        {
            int middle = (table.Start[utt] + table.End[utt - 1]) / 2;
            table.Start[utt] = middle;
            table.End[utt - 1] = middle;
        }

        if ((table.Start[0] * block) + table.Delay[0] < PesqConstants.SearchBuffer * block)
        {
            table.Start[0] = PesqConstants.SearchBuffer + ((block - 1 - table.Delay[0]) / block);
        }

        if ((table.End[n - 1] * block) + table.Delay[n - 1] > degLength - (PesqConstants.SearchBuffer * block))
        {
            table.End[n - 1] = ((degLength - table.Delay[n - 1]) / block) - PesqConstants.SearchBuffer;
        }

        for (int utt = 1; utt < n; utt++)
        {
            int thisStart = (table.Start[utt] * block) + table.Delay[utt];
            int lastEnd = (table.End[utt - 1] * block) + table.Delay[utt - 1];
            if (thisStart < lastEnd)
            {
                int middle = (thisStart + lastEnd) / 2;
                table.Start[utt] = (block - 1 + middle - table.Delay[utt]) / block;
                table.End[utt - 1] = (middle - table.Delay[utt - 1]) / block;
            }
        }
    }
}
