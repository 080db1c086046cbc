using System.Numerics.Tensors;
using RtDenoise.Engine.Resampling;
using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.BandSplit;

/// <summary>
/// Keeps the full band when the device rate differs from the model rate: the model path (R → model rate → STFT →
/// R) carries only what the model rate can, so the rest of the input, the <see cref="ResidualBand"/>, is added back
/// with the gain the model chose for the top of its band (<see cref="UpperBandGain"/>). Split and gain after WebRTC
/// NS's band split (upper bands delayed to match the low band and scaled by a gain from the low band's filter); here
/// the split is the exact complement of the resampler round trip, so with a unit mask (bypass) the output is the
/// input delayed by the declared latency, at every rate.
/// </summary>
/// <remarks>
/// <code>
///   x (R) ─┬─► toModel ─► y ─► StreamingStft(processor) ─► fromModel ─► FIFO ──────────────► (+) ─► out (R)
///          │               │        │ mask per frame                                         ▲
///          │               │        ▼                                                        │
///          │               │   UpperBandGain: mean over 0.5–0.92 × Nyquist, at q_k, lerp ──► (×)
///          │               ▼                                                                 │
///          └──────────► ResidualBand: delay_L(x) − fromModel(delay_{N−1}(y)) ────────────────┘
/// </code>
/// <para>The latency is the model path's (the residual is delayed to it), so <see cref="Denoiser.LatencySamples"/>
/// does not change. Allocation-free per call after construction.</para>
/// </remarks>
public sealed class FullBandPath
{
    private readonly StreamingStft _stft;
    private readonly ResidualBand _residual;
    private readonly UpperBandGain _gain;
    private readonly float[] _band;

    /// <param name="stft">The model path's STFT (its frames' masks are read after each frame).</param>
    /// <param name="deviceRate">The device rate R.</param>
    /// <param name="twinFromModel">A new converter identical to the model path's return converter (owned here).</param>
    /// <param name="latencySamples">The model path's total latency in device samples.</param>
    /// <param name="maxModelSamples">Most model-rate samples per call.</param>
    /// <param name="maxDeviceSamples">Most device-rate samples per call.</param>
    public FullBandPath(StreamingStft stft, int deviceRate, PolyphaseResampler twinFromModel, int latencySamples, int maxModelSamples, int maxDeviceSamples)
    {
        _stft = stft;
        StftLayout layout = stft.Layout;
        _residual = new ResidualBand(stft.LatencySamples, twinFromModel, latencySamples, maxModelSamples, maxDeviceSamples);

        // Frames known before the output reaches them: one call's worth, plus the look-ahead of a frame centre
        // ((N − 1)/2 model samples and the return converter's delay), plus slack.
        double fromDelayModel = twinFromModel.DelayOutputSamples * layout.SampleRate / deviceRate;
        int ahead = (maxModelSamples / layout.Hop) + (int)Math.Ceiling((layout.WindowLength + fromDelayModel) / layout.Hop) + 4;
        _gain = new UpperBandGain(layout, deviceRate, twinFromModel.DelayOutputSamples, ahead);
        _band = new float[maxDeviceSamples];
    }

    /// <summary>The residual band's gain tracker (which bins it averages).</summary>
    public UpperBandGain Gain => _gain;

    /// <summary>Runs the STFT over a model-rate block frame by frame, recording each frame's mask; the output is the
    /// same as one <see cref="StreamingStft.Process"/> call over the whole block (the STFT is sample-exact for any
    /// blocking).</summary>
    public void RunStft(ReadOnlySpan<float> modelIn, Span<float> modelOut)
    {
        int pos = 0;
        while (pos < modelIn.Length)
        {
            int until = _stft.SamplesUntilFrame;
            int take = Math.Min(until, modelIn.Length - pos);
            _stft.Process(modelIn.Slice(pos, take), modelOut.Slice(pos, take));
            if (take == until)
            {
                _gain.AddFrame(_stft.LastFrameGains);
            }

            pos += take;
        }
    }

    /// <summary>Adds the gained residual band to <paramref name="output"/> (the model path's output for the block
    /// <paramref name="deviceIn"/>; <paramref name="modelIn"/> is the input converter's output for it).</summary>
    public void AddResidual(ReadOnlySpan<float> deviceIn, ReadOnlySpan<float> modelIn, Span<float> output)
    {
        Span<float> band = _band.AsSpan(0, deviceIn.Length);
        _residual.Process(deviceIn, modelIn, band);
        _gain.Apply(band);
        TensorPrimitives.Add(output, band, output);
    }

    public void Reset()
    {
        _residual.Reset();
        _gain.Reset();
    }
}
