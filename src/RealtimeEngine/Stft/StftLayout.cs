namespace RtDenoise.Engine.Stft;

/// <summary>
/// Geometry of the short-time Fourier transform: window length N, hop H (N/H = 2 or 4) and FFT size F ≥ N
/// (the windowed frame is zero-padded to F). All at the model's sample rate.
/// </summary>
public readonly record struct StftLayout(int WindowLength, int Hop, int FftSize, int SampleRate)
{
    /// <summary>Number of spectrum bins, F/2 + 1.</summary>
    public int Bins => (FftSize / 2) + 1;

    /// <summary>The STFT's fixed latency, N − 1 samples: output sample p is input sample p − LatencySamples. The one
    /// source of the figure that <c>denoise</c>, <c>model-info</c> and the live engine report.</summary>
    public int LatencySamples => WindowLength - 1;

    /// <summary><see cref="LatencySamples"/> in milliseconds at <see cref="SampleRate"/> (255 / 16 kHz = 15.94 ms).</summary>
    public double LatencyMilliseconds => 1000.0 * LatencySamples / SampleRate;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (FftSize < 64 || FftSize > 4096 || (FftSize & (FftSize - 1)) != 0)
        {
            throw new ArgumentException($"FFT size {FftSize} must be a power of two in 64..4096.");
        }

        if (WindowLength < 16 || WindowLength > FftSize)
        {
            throw new ArgumentException($"window length {WindowLength} must be in 16..FFT size ({FftSize}).");
        }

        if (Hop <= 0 || (WindowLength != 2 * Hop && WindowLength != 4 * Hop))
        {
            throw new ArgumentException($"hop {Hop} must be window/2 or window/4 (window {WindowLength}).");
        }

        if (SampleRate < 1000 || SampleRate > 384000)
        {
            throw new ArgumentException($"sample rate {SampleRate} Hz is out of range 1000..384000.");
        }
    }
}
