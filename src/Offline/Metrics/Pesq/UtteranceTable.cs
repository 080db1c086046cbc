namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// What the time alignment of P.862 finds: the utterances of the reference (in alignment blocks of the padded
/// signal), the window searched for each, and each one's delay of the degraded signal (in samples) with its
/// confidence. Slot <see cref="ScratchSlot"/> is not an utterance: split searches park their sub-ranges there.
/// </summary>
internal sealed class UtteranceTable
{
    public const int ScratchSlot = PesqConstants.MaxUtterances - 1;

    private const int Slots = PesqConstants.MaxUtterances + 1;

    public int Count { get; set; }

    /// <summary>Whole-signal envelope delay, in samples.</summary>
    public int CrudeDelay { get; set; }

    public int[] SearchStart { get; } = new int[Slots];

    public int[] SearchEnd { get; } = new int[Slots];

    /// <summary>Envelope (crude) delay estimate per utterance, in samples.</summary>
    public int[] DelayEstimate { get; } = new int[Slots];

    /// <summary>Fine delay per utterance, in samples: degraded sample = reference sample + delay.</summary>
    public int[] Delay { get; } = new int[Slots];

    public double[] Confidence { get; } = new double[Slots];

    public int[] Start { get; } = new int[Slots];

    public int[] End { get; } = new int[Slots];

    /// <summary>The delay in force at a reference sample: that of the last utterance starting at or before it.</summary>
    public int DelayAt(int sample, int blockSize)
    {
        int utt = Count - 1;
        while (utt >= 0 && Start[utt] * blockSize > sample)
        {
            utt--;
        }

        return utt >= 0 ? Delay[utt] : Delay[0];
    }

    /// <summary>Moves utterances after <paramref name="index"/> one slot up to make room for a split.</summary>
    public void OpenSlotAfter(int index)
    {
        for (int step = Count - 1; step > index; step--)
        {
            DelayEstimate[step + 1] = DelayEstimate[step];
            Delay[step + 1] = Delay[step];
            Confidence[step + 1] = Confidence[step];
            Start[step + 1] = Start[step];
            End[step + 1] = End[step];

            // The reference copies the utterance bounds, not the search bounds, into the search window here.
            SearchStart[step + 1] = Start[step];
            SearchEnd[step + 1] = End[step];
        }

        Count++;
    }
}
