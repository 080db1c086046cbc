namespace RtDenoise.Engine.Live;

/// <summary>
/// One engine hop, written by the engine thread to the telemetry channel (a small blittable record: copying it
/// into the channel allocates nothing).
/// </summary>
/// <param name="Timestamp">Stopwatch timestamp at the end of the hop.</param>
/// <param name="Frames">Samples processed in this hop.</param>
/// <param name="ProcessTicks">Stopwatch ticks spent in Denoiser.Process.</param>
/// <param name="InputFill">Samples left in the input ring after the hop.</param>
/// <param name="OutputFill">Samples in the output ring after the hop.</param>
/// <param name="Xruns">Total xruns so far (all kinds).</param>
/// <param name="InputRms">RMS of the hop's input (linear, full scale 1).</param>
/// <param name="OutputRms">RMS of the hop's output.</param>
public readonly record struct HopTelemetry(long Timestamp, int Frames, long ProcessTicks, int InputFill, int OutputFill, long Xruns, float InputRms, float OutputRms);
