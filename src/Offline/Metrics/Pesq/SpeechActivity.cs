namespace RtDenoise.Offline.Metrics.Pesq;

/// <summary>
/// The speech envelope of P.862's time alignment: mean power per alignment block, with blocks below an adaptive
/// noise threshold zeroed, short bursts dropped, short pauses bridged, and speech onsets and offsets tapered.
/// <see cref="LogEnvelope"/> (log of power over the threshold) is what the crude alignment correlates.
/// </summary>
internal sealed class SpeechActivity
{
    private SpeechActivity(double[] envelope, double[] logEnvelope)
    {
        Envelope = envelope;
        LogEnvelope = logEnvelope;
    }

    /// <summary>Block power where the block is speech, 0 elsewhere.</summary>
    public double[] Envelope { get; }

    /// <summary>log(power / threshold) for speech blocks above the threshold, 0 elsewhere.</summary>
    public double[] LogEnvelope { get; }

    public static SpeechActivity Detect(PaddedSignal signal, PesqRate rate)
    {
        int blocks = signal.BlockCount(rate);
        double[] vad = BlockPowers(signal.Data, blocks, rate.BlockSize);
        double levelMin = FloorLevel(vad);
        (double threshold, double levelSignal, double levelNoise) = NoiseThreshold(vad);

        for (int i = 0; i < blocks; i++)
        {
            if (vad[i] <= threshold)
            {
                vad[i] = -vad[i];
            }
        }

        vad[0] = -levelMin;
        vad[blocks - 1] = -levelMin;
        DropShortBursts(vad);
        if (levelSignal >= levelNoise * 1000.0)
        {
            DropWeakBursts(vad, threshold);
        }

        BridgeShortPauses(vad, levelMin);
        KeepAllWhenNoOnset(vad, levelMin);
        TaperEdges(vad);
        for (int i = 0; i < blocks; i++)
        {
            vad[i] = Math.Max(vad[i], 0);
        }

        if (threshold <= 0)
        {
            threshold = levelMin;
        }

        double[] log = new double[blocks];
        for (int i = 0; i < blocks; i++)
        {
            log[i] = vad[i] <= threshold ? 0 : Math.Log(vad[i] / threshold);
        }

        return new SpeechActivity(vad, log);
    }

    private static double[] BlockPowers(double[] data, int blocks, int blockSize)
    {
        double[] vad = new double[blocks];
        for (int b = 0; b < blocks; b++)
        {
            double sum = 0;
            for (int i = 0; i < blockSize; i++)
            {
                double g = data[(b * blockSize) + i];
                sum += g * g;
            }

            vad[b] = sum / blockSize;
        }

        return vad;
    }

    /// <summary>Lifts every block to at least 1e-4 of the loudest (1 when all are silent) and returns that floor.</summary>
    private static double FloorLevel(double[] vad)
    {
        double max = 0;
        foreach (double v in vad)
        {
            max = Math.Max(max, v);
        }

        double levelMin = max > 0 ? max * 1.0e-4f : 1.0;
        for (int i = 0; i < vad.Length; i++)
        {
            vad[i] = Math.Max(vad[i], levelMin);
        }

        return levelMin;
    }

    /// <summary>
    /// Twelve rounds of "noise = blocks at or below the threshold; threshold = 1.001 (mean + 2 std) of the noise",
    /// starting from the mean block power; returns the threshold and the mean speech and noise levels.
    /// </summary>
    private static (double Threshold, double Signal, double Noise) NoiseThreshold(double[] vad)
    {
        double threshold = vad.Sum() / vad.Length;
        for (int round = 0; round < 12; round++)
        {
            double noise = 0, deviation = 0;
            int count = 0;
            foreach (double v in vad.Where(v => v <= threshold))
            {
                noise += v;
                count++;
            }

            if (count > 0)
            {
                noise /= count;
                foreach (double v in vad.Where(v => v <= threshold))
                {
                    deviation += (v - noise) * (v - noise);
                }

                deviation = Math.Sqrt(deviation / count);
            }

            threshold = 1.001f * (noise + (2.0 * deviation));
        }

        double levelSignal = 0, levelNoise = 0;
        int speech = 0;
        foreach (double v in vad)
        {
            if (v > threshold)
            {
                levelSignal += v;
                speech++;
            }
            else
            {
                levelNoise += v;
            }
        }

        levelSignal = speech > 0 ? levelSignal / speech : 0;
        threshold = speech > 0 ? threshold : -1.0;
        levelNoise = speech < vad.Length ? levelNoise / (vad.Length - speech) : 1.0;
        return (threshold, levelSignal, levelNoise);
    }

    /// <summary>Speech runs of <see cref="PesqConstants.MinSpeechLength"/> blocks or fewer become non-speech.</summary>
    private static void DropShortBursts(double[] vad)
    {
        int start = 0;
        for (int i = 1; i < vad.Length; i++)
        {
            if (vad[i] > 0 && vad[i - 1] <= 0)
            {
                start = i;
            }

            if (vad[i] <= 0 && vad[i - 1] > 0 && i - start <= PesqConstants.MinSpeechLength)
            {
                Negate(vad, start, i);
            }
        }
    }

    /// <summary>With a clean background, speech runs whose mean is under three times the threshold are dropped.</summary>
    private static void DropWeakBursts(double[] vad, double threshold)
    {
        int start = 0;
        for (int i = 1; i < vad.Length; i++)
        {
            if (vad[i] > 0 && vad[i - 1] <= 0)
            {
                start = i;
            }

            if (vad[i] <= 0 && vad[i - 1] > 0)
            {
                double sum = 0;
                for (int j = start; j < i; j++)
                {
                    sum += vad[j];
                }

                if (sum < 3.0 * threshold * (i - start))
                {
                    Negate(vad, start, i);
                }
            }
        }
    }

    /// <summary>Pauses of <see cref="PesqConstants.JoinSpeechLength"/> blocks or fewer between speech become speech.</summary>
    private static void BridgeShortPauses(double[] vad, double levelMin)
    {
        int finish = 0;
        for (int i = 1; i < vad.Length; i++)
        {
            if (vad[i] > 0 && vad[i - 1] <= 0)
            {
                if (finish > 0 && i - finish <= PesqConstants.JoinSpeechLength)
                {
                    Array.Fill(vad, levelMin, finish, i - finish);
                }
            }

            if (vad[i] <= 0 && vad[i - 1] > 0)
            {
                finish = i;
            }
        }
    }

    /// <summary>When no speech onset is left, everything but the end blocks counts as speech.</summary>
    private static void KeepAllWhenNoOnset(double[] vad, double levelMin)
    {
        for (int i = 1; i < vad.Length; i++)
        {
            if (vad[i] > 0 && vad[i - 1] <= 0)
            {
                return;
            }
        }

        for (int i = 0; i < vad.Length; i++)
        {
            vad[i] = Math.Abs(vad[i]);
        }

        vad[0] = -levelMin;
        vad[^1] = -levelMin;
    }

    /// <summary>Two blocks of ramp (0.1, 0.3 of the speech level) before each onset and after each offset.</summary>
    private static void TaperEdges(double[] vad)
    {
        int i = 3;
        while (i < vad.Length - 2)
        {
            if (vad[i] > 0 && vad[i - 2] <= 0)
            {
                vad[i - 2] = vad[i] * 0.1f;
                vad[i - 1] = vad[i] * 0.3f;
                i++;
            }

            if (vad[i] <= 0 && vad[i - 1] > 0)
            {
                vad[i] = vad[i - 1] * 0.3f;
                vad[i + 1] = vad[i - 1] * 0.1f;
                i += 3;
            }

            i++;
        }
    }

    private static void Negate(double[] vad, int start, int end)
    {
        for (int j = start; j < end; j++)
        {
            vad[j] = -vad[j];
        }
    }
}
