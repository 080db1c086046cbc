using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.Fft;

namespace RtDenoise.Training.Features;

/// <summary>
/// Offline STFT that frames a whole signal exactly as <see cref="StreamingStft"/> does when streaming it from
/// zeros: frame t holds input samples [(t+1)·H − N, (t+1)·H) (zeros before the start), sqrt-Hann windowed,
/// zero-padded to F, unscaled FFT. A test checks the two agree, so training sees the spectra inference sees.
/// </summary>
public sealed class FrameSpectra
{
    private readonly StftLayout _layout;
    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _buf;

    public FrameSpectra(StftLayout layout)
    {
        layout.Validate();
        _layout = layout;
        _fft = new RealFft(layout.FftSize);
        _window = Windows.SqrtHannPeriodic(layout.WindowLength);
        _buf = new float[layout.FftSize];
    }

    public int FrameCount(int samples) => samples / _layout.Hop;

    public void Frame(ReadOnlySpan<float> x, int t, Span<float> re, Span<float> im)
    {
        int n = _layout.WindowLength;
        int start = ((t + 1) * _layout.Hop) - n;
        Array.Clear(_buf);
        for (int i = 0; i < n; i++)
        {
            int j = start + i;
            _buf[i] = j >= 0 && j < x.Length ? x[j] * _window[i] : 0f;
        }

        _fft.Forward(_buf, re, im);
    }
}
