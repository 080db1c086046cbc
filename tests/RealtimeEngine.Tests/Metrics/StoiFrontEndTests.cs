using MathNet.Numerics.IntegralTransforms;
using RtDenoise.Kernels.Numerics;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Engine.Tests.Metrics;

/// <summary>The pieces of STOI's front end against independent computations.</summary>
public class StoiFrontEndTests
{
    [Fact]
    public void BesselI0MatchesKnownValues()
    {
        Assert.Equal(1.0, Bessel.I0(0), 15);
        Assert.Equal(1.2660658777520082, Bessel.I0(1), 14);
        Assert.Equal(27.239871823604442, Bessel.I0(5), 12);
    }

    [Fact]
    public void ThirdOctaveBandsSnapToTheNearestBins()
    {
        // Band 0: 150·2^(∓1/6) = 133.6 / 168.4 Hz → bins 6.84 / 8.62 of 19.53 Hz → [7, 9).
        // Band 14: 150·2^(27/6) = 3394 Hz / 150·2^(29/6) = 4276 Hz → bins 173.8 / 218.9 → [174, 219).
        var ranges = ThirdOctaveBands.Ranges;
        Assert.Equal(15, ranges.Length);
        Assert.Equal((7, 9), ranges[0]);
        Assert.Equal((174, 219), ranges[14]);
        for (int k = 1; k < 15; k++)
        {
            Assert.Equal(ranges[k - 1].High, ranges[k].Low);
        }
    }

    [Fact]
    public void RealPowerSpectrumMatchesMathNet()
    {
        var rng = new Random(3);
        double[] a = Enumerable.Range(0, 256).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] b = Enumerable.Range(0, 256).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var fft = new RealPowerSpectrum(512);
        var pa = new double[257];
        var pb = new double[257];
        fft.Compute(a, pa);
        fft.Compute(b, pb);
        foreach ((double[] x, double[] p) in new[] { (a, pa), (b, pb) })
        {
            var buf = new double[514];
            x.CopyTo(buf, 0);
            Fourier.ForwardReal(buf, 512, FourierOptions.NoScaling);
            for (int k = 0; k <= 256; k++)
            {
                double expected = (buf[2 * k] * buf[2 * k]) + (buf[(2 * k) + 1] * buf[(2 * k) + 1]);
                Assert.Equal(expected, p[k], 1e-9 * Math.Max(1, expected));
            }
        }

        // Zeros stay exactly zero (no rounding leak from anything else).
        fft.Compute(new double[256], pa);
        Assert.All(pa, v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(8000)]
    public void ResamplingKeepsASineAndHasTheReferenceLength(int rate)
    {
        int n = rate; // 1 s
        double[] x = Enumerable.Range(0, n).Select(i => Math.Sin(2 * Math.PI * 1000 * i / rate)).ToArray();
        double[] y = MetricResampler.ToStoiRate(x, rate);
        Assert.Equal((int)Math.Ceiling(n * 10000.0 / rate), y.Length);

        // Away from the edges (filter transients) the output is the same 1 kHz sine sampled at 10 kHz.
        for (int i = 1000; i < y.Length - 1000; i++)
        {
            Assert.Equal(Math.Sin(2 * Math.PI * 1000 * i / 10000.0), y[i], 2e-3);
        }
    }

    [Fact]
    public void ResamplingRemovesContentAboveTheNewNyquist()
    {
        int rate = 48000;
        double[] x = Enumerable.Range(0, rate).Select(i => Math.Sin(2 * Math.PI * 7000 * i / rate)).ToArray();
        double[] y = MetricResampler.ToStoiRate(x, rate);
        double rms = Math.Sqrt(y.Skip(1000).Take(y.Length - 2000).Select(v => v * v).Average());
        Assert.True(rms < 1e-2, $"7 kHz leaked through the 5 kHz anti-aliasing filter: rms {rms}");
    }

    [Fact]
    public void SilentFrameRemovalDropsTheQuietPartAndKeepsTheAlignment()
    {
        // 0.5 s loud, 0.5 s at -60 dB, 0.5 s loud (10 kHz): the quiet frames go, the loud ones are overlap-added.
        double[] x = TestSignals.WhiteNoise(15000, 1, 2);
        for (int i = 5000; i < 10000; i++)
        {
            x[i] *= 1e-3;
        }

        double[] y = x.Select(v => 2 * v).ToArray();
        (double[] xs, double[] ys) = SilentFrameRemoval.Apply(x, y);
        Assert.InRange(xs.Length, 9800, 10600);
        Assert.Equal(xs.Length, ys.Length);
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(2 * xs[i], ys[i], 1e-12);
        }

        // Inside the first loud stretch the 50%-overlapped MATLAB Hann frames sum to ~1 (1 ± 1/257).
        for (int i = 300; i < 4500; i++)
        {
            Assert.Equal(x[i], xs[i], Math.Abs(x[i]) * 0.01);
        }
    }
}
