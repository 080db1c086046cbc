using System.Numerics.Tensors;
using RtDenoise.Engine.Buffers;
using RtDenoise.Engine.Resampling;

namespace RtDenoise.Engine.BandSplit;

/// <summary>
/// The part of the device-rate input that the model path's resampler round trip cannot carry (above ≈ 7.4 kHz when
/// the device rate is above 16 kHz; the top of the band when it is below), as the exact complement of that round trip:
/// <c>residual = delay_L(x) − fromModel(delay_{N−1}(toModel(x)))</c>.
/// </summary>
/// <remarks>
/// <para>Why a complement and not a separate high-pass filter: the model path with a unit mask is
/// <c>fromModel(STFT_bypass(toModel(x)))</c>, and the STFT with unit gains is a pure N − 1 sample delay up to float
/// rounding, so the low path with bypass equals <c>fromModel(delay_{N−1}(toModel(x)))</c>. Subtracting that from the
/// input delayed by the declared latency L leaves exactly what the round trip removed; low + residual is then the
/// delayed input by construction, whatever the resamplers' transition bands look like, and no new filter or delay
/// needs designing or matching. The twin converter is built with the same rates and centre nudge as the model path's
/// return converter, so both have the same taps, the same delay and the same output count per call.</para>
/// <code>
///   x (R) ─┬────────────────────────────────────────────── delay L ──────────┐ +
///          └─► toModel ─► y (16k) ─► delay N−1 ─► fromModel (twin) ─► FIFO ──┴─► residual (R)
///                          │                                                 −
///                          └─► (the Denoiser's own STFT path uses the same y)
/// </code>
/// <para>Allocation-free per call after construction.</para>
/// </remarks>
public sealed class ResidualBand
{
    private readonly DelayLine _modelDelay;
    private readonly PolyphaseResampler _twinFromModel;
    private readonly DelayLine _deviceDelay;
    private readonly float[] _delayedModel;
    private readonly float[] _roundTrip;
    private readonly float[] _delayedDevice;
    private readonly SampleQueue _fifo;

    /// <param name="stftLatencySamples">The STFT's latency N − 1 at the model rate.</param>
    /// <param name="twinFromModel">A new converter identical to the model path's return converter (owned here).</param>
    /// <param name="latencySamples">The model path's total latency L in device samples (integral).</param>
    /// <param name="maxModelSamples">Most model-rate samples one call brings.</param>
    /// <param name="maxDeviceSamples">Most device-rate samples one call brings.</param>
    public ResidualBand(int stftLatencySamples, PolyphaseResampler twinFromModel, int latencySamples, int maxModelSamples, int maxDeviceSamples)
    {
        _modelDelay = new DelayLine(stftLatencySamples);
        _twinFromModel = twinFromModel;
        _deviceDelay = new DelayLine(latencySamples);
        _delayedModel = new float[maxModelSamples];
        int outerMax = twinFromModel.MaxOutputFor(maxModelSamples);
        _roundTrip = new float[outerMax];
        _delayedDevice = new float[maxDeviceSamples];
        _fifo = new SampleQueue(outerMax + maxDeviceSamples); // the same bound as the Denoiser's own FIFO
    }

    /// <summary>
    /// Writes the residual for one call: <paramref name="deviceIn"/> is the device-rate input block,
    /// <paramref name="modelIn"/> what the model path's input converter made of it; <paramref name="residual"/> has
    /// the length of <paramref name="deviceIn"/>.
    /// </summary>
    public void Process(ReadOnlySpan<float> deviceIn, ReadOnlySpan<float> modelIn, Span<float> residual)
    {
        Span<float> delayed = _delayedModel.AsSpan(0, modelIn.Length);
        _modelDelay.Process(modelIn, delayed);
        int outer = _twinFromModel.Process(delayed, _roundTrip);
        _fifo.Push(_roundTrip.AsSpan(0, outer));
        _fifo.Pop(residual);
        Span<float> delayedIn = _delayedDevice.AsSpan(0, deviceIn.Length);
        _deviceDelay.Process(deviceIn, delayedIn);
        TensorPrimitives.Subtract(delayedIn, residual, residual);
    }

    public void Reset()
    {
        _modelDelay.Reset();
        _twinFromModel.Reset();
        _deviceDelay.Reset();
        _fifo.Reset();
    }
}
