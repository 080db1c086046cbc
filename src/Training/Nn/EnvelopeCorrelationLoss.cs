namespace RtDenoise.Training.Nn;

/// <summary>
/// An ESTOI-like intelligibility loss (Jensen &amp; Taal, 2016, "An algorithm for predicting the intelligibility of
/// speech masked by modulated noise maskers") on segments of consecutive training frames, with the gradient written
/// out by hand. Per segment of N frames (N = 48 hops of 8 ms = 384 ms, ESTOI's segment length) and J one-third-octave
/// bands from 150 Hz (bins of the training STFT grouped by the nearest band centre 150·2^(j/3), j = 0..14):
/// <code>
///   P_k(n)  = g_k(n)²·|Y_k(n)|²                       enhanced power (|Y| = NoisyC^(1/c), g = floor + (1−floor)·σ(z))
///   A[j,n]  = sqrt(Σ_{k∈j} P_k(n) + ε)               enhanced band envelope;  C[j,n] the same from the clean |S|
///   Â       = rows of A minus their mean over n, divided by their norm          (each band normalised over time)
///   Ǎ       = columns of Â minus their mean over j, divided by their norm      (each frame normalised over bands)
///   d       = (1/N)·Σ_n ⟨Ǎ[:,n], Č[:,n]⟩                                    (ESTOI's segment score)
///   ℓ       = mean over segments of (1 − d)
/// </code>
/// Back-propagation through a normalisation z = u/r, u = x − mean(x), r = sqrt(Σu² + ε):
/// ∂ℓ/∂u = (∂ℓ/∂z − z·⟨z, ∂ℓ/∂z⟩)/r, ∂ℓ/∂x = ∂ℓ/∂u − mean(∂ℓ/∂u). Differences from ESTOI proper: the 16 kHz
/// training STFT instead of a 10 kHz 512-point one, no silent-frame removal, level-normalised magnitudes (the
/// score is scale-invariant anyway). <c>GradientCheckTests</c> checks the gradient against finite differences.
/// </summary>
public sealed class EnvelopeCorrelationLoss
{
    public const int DefaultSegmentFrames = 48;
    private const double Eps = 1e-10;
    private readonly int[] _band;
    private readonly int _bands;
    private readonly float _compression;
    private readonly float _floor;

    public EnvelopeCorrelationLoss(int bins, int sampleRate, float compression, float floor, int segmentFrames = DefaultSegmentFrames)
    {
        if (bins < 2 || segmentFrames < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), "need ≥ 2 bins and ≥ 2 frames per segment");
        }

        SegmentFrames = segmentFrames;
        _compression = compression;
        _floor = floor;
        _band = new int[bins];
        var used = new SortedSet<int>();
        double binHz = sampleRate / 2.0 / (bins - 1);
        for (int k = 0; k < bins; k++)
        {
            int j = k == 0 ? -1 : (int)Math.Round(3 * Math.Log2(k * binHz / 150.0));
            _band[k] = j is >= 0 and < 15 ? j : -1;
            if (_band[k] >= 0)
            {
                used.Add(_band[k]);
            }
        }

        // Bands with no bin (the lowest ones at a 62.5 Hz bin spacing) are dropped; the rest are renumbered 0..J−1.
        int[] map = new int[15];
        int next = 0;
        foreach (int j in used)
        {
            map[j] = next++;
        }

        for (int k = 0; k < bins; k++)
        {
            _band[k] = _band[k] >= 0 ? map[_band[k]] : -1;
        }

        _bands = next;
    }

    public int SegmentFrames { get; }

    public int Bands => _bands;

    /// <summary>
    /// Mean (1 − d) over the <paramref name="segments"/> consecutive segments of <see cref="SegmentFrames"/> rows each
    /// at the start of the spans; adds <paramref name="weight"/>·∂ℓ/∂z into <paramref name="dLogits"/> unless it is empty.
    /// </summary>
    public double Accumulate(ReadOnlySpan<float> logits, ReadOnlySpan<float> noisyC, ReadOnlySpan<float> cleanC, int segments,
        float weight, Span<float> dLogits)
    {
        int bins = _band.Length, n = SegmentFrames, jn = _bands * n;
        if (logits.Length < segments * n * bins)
        {
            throw new ArgumentException($"{logits.Length} logits for {segments} segments of {n}×{bins}");
        }

        var a = new double[jn];
        var c = new double[jn];
        var an = new double[jn];
        var cn = new double[jn];
        var g = new double[jn];
        var rowR = new double[_bands];
        var colR = new double[n];
        var rowA = new double[jn];
        double total = 0, invC = 1.0 / _compression;
        for (int s = 0; s < segments; s++)
        {
            int o = s * n * bins;
            Array.Clear(a);
            Array.Clear(c);
            for (int t = 0; t < n; t++)
            {
                for (int k = 0; k < bins; k++)
                {
                    int j = _band[k];
                    if (j < 0)
                    {
                        continue;
                    }

                    int i = o + (t * bins) + k;
                    double gain = Gain(logits[i]);
                    double y2 = Math.Pow(noisyC[i], 2 * invC), s2 = Math.Pow(cleanC[i], 2 * invC);
                    a[(j * n) + t] += gain * gain * y2;
                    c[(j * n) + t] += s2;
                }
            }

            for (int i = 0; i < jn; i++)
            {
                a[i] = Math.Sqrt(a[i] + Eps);
                c[i] = Math.Sqrt(c[i] + Eps);
            }

            Normalise(c, cn, null, null);
            Normalise(a, an, rowR, colR, rowA);
            double d = 0;
            for (int i = 0; i < jn; i++)
            {
                d += an[i] * cn[i];
            }

            d /= n;
            total += 1 - d;
            if (dLogits.IsEmpty)
            {
                continue;
            }

            // ∂ℓ/∂Ǎ = −Č/N, then back through the column and the row normalisation to ∂ℓ/∂A.
            for (int i = 0; i < jn; i++)
            {
                g[i] = -cn[i] / n;
            }

            BackColumns(an, colR, g);
            BackRows(rowA, rowR, g);
            double scale = weight / (double)segments;
            for (int t = 0; t < n; t++)
            {
                for (int k = 0; k < bins; k++)
                {
                    int j = _band[k];
                    if (j < 0)
                    {
                        continue;
                    }

                    int i = o + (t * bins) + k;
                    double sg = 1 / (1 + Math.Exp(-logits[i]));
                    double gain = _floor + ((1 - _floor) * sg);
                    double y2 = Math.Pow(noisyC[i], 2 * invC);

                    // A = sqrt(Σ g²|Y|² + ε): ∂A/∂g_k = g_k·|Y_k|²/A; ∂g/∂z = (1 − floor)·σ(1 − σ).
                    double dA = g[(j * n) + t] * gain * y2 / a[(j * n) + t];
                    dLogits[i] += (float)(scale * dA * (1 - _floor) * sg * (1 - sg));
                }
            }
        }

        return segments > 0 ? total / segments : 0;
    }

    private double Gain(float logit) => _floor + ((1 - _floor) / (1 + Math.Exp(-logit)));

    /// <summary>Row normalisation (over frames) then column normalisation (over bands) of a J×N matrix; keeps the
    /// row-normalised matrix and the norms for the backward pass when asked.</summary>
    private void Normalise(double[] x, double[] result, double[]? rowR, double[]? colR, double[]? rowNormalised = null)
    {
        int n = SegmentFrames, jb = _bands;
        x.AsSpan(0, jb * n).CopyTo(result);
        for (int j = 0; j < jb; j++)
        {
            double r = CentreAndScale(result, j * n, 1, n);
            if (rowR != null)
            {
                rowR[j] = r;
            }
        }

        if (rowNormalised != null)
        {
            result.CopyTo(rowNormalised, 0);
        }

        for (int t = 0; t < n; t++)
        {
            double r = CentreAndScale(result, t, n, jb);
            if (colR != null)
            {
                colR[t] = r;
            }
        }
    }

    /// <summary>
    /// In place on <paramref name="count"/> elements of <paramref name="a"/> from <paramref name="start"/> every
    /// <paramref name="stride"/> (a row: stride 1; a column: stride N): subtract the mean, divide by the norm
    /// √(Σu² + ε). Returns that norm (the backward pass needs it).
    /// </summary>
    private static double CentreAndScale(double[] a, int start, int stride, int count)
    {
        int end = start + (count * stride);
        double mean = 0;
        for (int i = start; i < end; i += stride)
        {
            mean += a[i];
        }

        mean /= count;
        double r2 = Eps;
        for (int i = start; i < end; i += stride)
        {
            double u = a[i] - mean;
            a[i] = u;
            r2 += u * u;
        }

        double r = Math.Sqrt(r2);
        for (int i = start; i < end; i += stride)
        {
            a[i] /= r;
        }

        return r;
    }

    /// <summary>In place: ∂ℓ/∂Ǎ → ∂ℓ/∂Â through the per-column normalisation (z = Ǎ, r = column norms).</summary>
    private void BackColumns(double[] z, double[] r, double[] g)
    {
        int n = SegmentFrames, jb = _bands;
        for (int t = 0; t < n; t++)
        {
            double dot = 0;
            for (int j = 0; j < jb; j++)
            {
                dot += z[(j * n) + t] * g[(j * n) + t];
            }

            double mean = 0;
            for (int j = 0; j < jb; j++)
            {
                int i = (j * n) + t;
                g[i] = (g[i] - (z[i] * dot)) / r[t];
                mean += g[i];
            }

            mean /= jb;
            for (int j = 0; j < jb; j++)
            {
                g[(j * n) + t] -= mean;
            }
        }
    }

    /// <summary>In place: ∂ℓ/∂Â → ∂ℓ/∂A through the per-row normalisation (z = Â, r = row norms).</summary>
    private void BackRows(double[] z, double[] r, double[] g)
    {
        int n = SegmentFrames;
        for (int j = 0; j < _bands; j++)
        {
            int o = j * n;
            double dot = 0;
            for (int t = 0; t < n; t++)
            {
                dot += z[o + t] * g[o + t];
            }

            double mean = 0;
            for (int t = 0; t < n; t++)
            {
                g[o + t] = (g[o + t] - (z[o + t] * dot)) / r[j];
                mean += g[o + t];
            }

            mean /= n;
            for (int t = 0; t < n; t++)
            {
                g[o + t] -= mean;
            }
        }
    }
}
