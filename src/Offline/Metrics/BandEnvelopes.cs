using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Offline.Metrics;

/// <summary>
/// The one-third-octave band envelopes of a clean/processed pair after STOI's front end (resampling to 10 kHz,
/// silent-frame removal, 256-sample Hann frames at 50% overlap, 512-point FFT, Eq. (1) of Taal et al. 2011):
/// <code>
///   X_k(m) = sqrt( Σ_{j in band k} |x̂(j, m)|² )
/// </code>
/// stored band-major: <c>Clean[k·Frames + m]</c>. Shared by <see cref="Stoi"/> and <see cref="Estoi"/>.
/// </summary>
public sealed class BandEnvelopes
{
    private BandEnvelopes(double[] clean, double[] processed, int frames)
    {
        Clean = clean;
        Processed = processed;
        Frames = frames;
    }

    /// <summary>Clean envelopes, <see cref="StoiConstants.Bands"/> rows of <see cref="Frames"/> values.</summary>
    public double[] Clean { get; }

    /// <summary>Processed envelopes, same layout.</summary>
    public double[] Processed { get; }

    /// <summary>Number of STFT frames left after silent-frame removal.</summary>
    public int Frames { get; }

    /// <summary>Whether at least one 30-frame segment exists; otherwise the metrics return 1e-5 (as the reference).</summary>
    public bool HasSegment => Frames >= StoiConstants.SegmentFrames;

    /// <summary>Number of 30-frame segments (one per frame from the 30th on).</summary>
    public int Segments => HasSegment ? Frames - StoiConstants.SegmentFrames + 1 : 0;

    /// <summary>Runs the front end. Inputs must already be validated (same length, finite).</summary>
    public static BandEnvelopes Analyze(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate)
    {
        double[] x10k = MetricResampler.ToStoiRate(clean, sampleRate);
        double[] y10k = MetricResampler.ToStoiRate(processed, sampleRate);
        (double[] x, double[] y) = SilentFrameRemoval.Apply(x10k, y10k);

        const int frame = StoiConstants.FrameLength;
        const int hop = StoiConstants.Hop;
        const int bands = StoiConstants.Bands;
        int frames = StoiConstants.FrameCount(x.Length);
        var cleanEnv = new double[bands * frames];
        var processedEnv = new double[bands * frames];

        double[] w = StoiConstants.AnalysisWindow();
        var fft = new RealPowerSpectrum(StoiConstants.FftSize);
        var xFrame = new double[frame];
        var yFrame = new double[frame];
        var xPower = new double[fft.Bins];
        var yPower = new double[fft.Bins];
        ReadOnlySpan<(int Low, int High)> ranges = ThirdOctaveBands.Ranges;
        for (int m = 0; m < frames; m++)
        {
            int start = m * hop;
            for (int n = 0; n < frame; n++)
            {
                xFrame[n] = w[n] * x[start + n];
                yFrame[n] = w[n] * y[start + n];
            }

            fft.Compute(xFrame, xPower);
            fft.Compute(yFrame, yPower);
            for (int k = 0; k < bands; k++)
            {
                double sx = 0, sy = 0;
                for (int j = ranges[k].Low; j < ranges[k].High; j++)
                {
                    sx += xPower[j];
                    sy += yPower[j];
                }

                cleanEnv[(k * frames) + m] = Math.Sqrt(sx);
                processedEnv[(k * frames) + m] = Math.Sqrt(sy);
            }
        }

        return new BandEnvelopes(cleanEnv, processedEnv, frames);
    }
}
