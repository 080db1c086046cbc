namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>
/// Four of the reference set's processed signals are fixed functions of the clean one, so the repository carries
/// only the clean file and rebuilds them (Fixtures/stoi/derived.tsv). The definitions were read off the reference
/// files and reproduce them sample for sample; that is checked whenever ../shared/reference/stoi is present
/// (<c>StoiReferenceTests.DerivedSignalsEqualTheSharedReferenceFiles</c>):
/// <code>
///   identical   y[n] = x[n]
///   scaled0.1   y[n] = float32(0.1·x[n])
///   delay5ms    y[n] = x[n − 0.005·fs], 0 before      (same length)
///   gap250ms    y[n] = 0 for N/3 ≤ n &lt; N/3 + 0.25·fs (integer N/3), else x[n]
/// </code>
/// </summary>
internal static class StoiDerivedSignals
{
    public static readonly string[] Transforms = ["identical", "scaled0.1", "delay5ms", "gap250ms"];

    public static double[] Make(string transform, double[] clean, int sampleRate)
    {
        double[] y = new double[clean.Length];
        switch (transform)
        {
            case "identical":
                clean.CopyTo(y, 0);
                break;
            case "scaled0.1":
                for (int n = 0; n < y.Length; n++)
                {
                    y[n] = (float)(0.1 * clean[n]);
                }

                break;
            case "delay5ms":
                int delay = sampleRate / 200;
                clean.AsSpan(0, clean.Length - delay).CopyTo(y.AsSpan(delay));
                break;
            case "gap250ms":
                clean.CopyTo(y, 0);
                int start = clean.Length / 3;
                y.AsSpan(start, Math.Min(sampleRate / 4, y.Length - start)).Clear();
                break;
            default:
                throw new ArgumentException($"unknown derived signal '{transform}'", nameof(transform));
        }

        return y;
    }
}
