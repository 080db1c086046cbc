using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using RtDenoise.Kernels.Fft;

namespace RtDenoise.Kernels.Tests.Fft;

public sealed class RealFftTests
{
    public static TheoryData<int> Sizes => new() { 64, 128, 256, 512, 1024, 2048, 4096 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Forward_matches_MathNet_within_1e5_of_signal_rms(int n)
    {
        var rng = new Random(n);
        float[] x = RandomSignal(rng, n);
        var fft = new RealFft(n);
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        fft.Forward(x, re, im);

        var reference = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            reference[i] = new Complex(x[i], 0);
        }

        Fourier.Forward(reference, FourierOptions.NoScaling);

        // Tolerance relative to the signal's RMS scaled to spectrum units (Parseval: |X| ~ sqrt(N)·rms).
        double rms = Math.Sqrt(x.Sum(v => (double)v * v) / n);
        double tol = 1e-5 * rms * Math.Sqrt(n) * Math.Log2(n);
        for (int k = 0; k < fft.Bins; k++)
        {
            Assert.True(Math.Abs(re[k] - reference[k].Real) <= tol, $"re[{k}] {re[k]} vs {reference[k].Real}");
            Assert.True(Math.Abs(im[k] - reference[k].Imaginary) <= tol, $"im[{k}] {im[k]} vs {reference[k].Imaginary}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Inverse_of_forward_is_identity(int n)
    {
        var rng = new Random(1000 + n);
        float[] x = RandomSignal(rng, n);
        var fft = new RealFft(n);
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        var back = new float[n];
        fft.Forward(x, re, im);
        fft.Inverse(re, im, back);
        double rms = Math.Sqrt(x.Sum(v => (double)v * v) / n);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(back[i] - x[i]) <= 1e-5 * rms * Math.Log2(n), $"x[{i}] {back[i]} vs {x[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Inverse_matches_MathNet_on_a_hermitian_spectrum(int n)
    {
        var rng = new Random(2000 + n);
        var fft = new RealFft(n);
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        for (int k = 0; k < fft.Bins; k++)
        {
            re[k] = (float)((rng.NextDouble() * 2) - 1);
            im[k] = k == 0 || k == n / 2 ? 0f : (float)((rng.NextDouble() * 2) - 1);
        }

        var full = new Complex[n];
        for (int k = 0; k < n; k++)
        {
            full[k] = k <= n / 2 ? new Complex(re[k], im[k]) : Complex.Conjugate(new Complex(re[n - k], im[n - k]));
        }

        Fourier.Inverse(full, FourierOptions.AsymmetricScaling);
        var x = new float[n];
        fft.Inverse(re, im, x);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(x[i] - full[i].Real) <= 1e-5, $"x[{i}] {x[i]} vs {full[i].Real}");
        }
    }

    [Fact]
    public void Pure_cosine_lands_in_its_bin()
    {
        const int n = 512;
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)Math.Cos(2 * Math.PI * 10 * i / n);
        }

        var fft = new RealFft(n);
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        fft.Forward(x, re, im);
        Assert.Equal(n / 2, re[10], 2);
        Assert.Equal(0, re[11], 2);
    }

    [Fact]
    public void Forward_and_inverse_allocate_nothing()
    {
        var fft = new RealFft(512);
        float[] x = RandomSignal(new Random(3), 512);
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        fft.Forward(x, re, im);
        fft.Inverse(re, im, x);
        long allocated = Allocations.Least(
            () =>
            {
                fft.Forward(x, re, im);
                fft.Inverse(re, im, x);
            },
            calls: 1000);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(100)]
    [InlineData(8192)]
    public void Rejects_unsupported_sizes(int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(n));

    [Fact]
    public void Rejects_short_buffers()
    {
        var fft = new RealFft(64);
        Assert.Throws<ArgumentException>(() => fft.Forward(new float[63], new float[33], new float[33]));
        Assert.Throws<ArgumentException>(() => fft.Forward(new float[64], new float[32], new float[33]));
        Assert.Throws<ArgumentException>(() => fft.Inverse(new float[33], new float[33], new float[10]));
    }

    private static float[] RandomSignal(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return x;
    }
}
