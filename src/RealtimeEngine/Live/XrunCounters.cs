namespace RtDenoise.Engine.Live;

/// <summary>
/// Fault counters. Each field has exactly one writer thread (named below), which increments it with a plain read
/// and a Volatile.Write; readers on other threads use the Volatile.Read snapshot. No Interlocked needed, no lock.
/// </summary>
public sealed class XrunCounters
{
    // written by the input callback
    internal long InputRingOverflows;
    internal long InputOverflowFlags;
    internal long InputUnderflowFlags;

    // written by the output callback
    internal long OutputRingUnderruns;
    internal long OutputUnderflowFlags;
    internal long OutputOverflowFlags;
    internal long DriftResyncs;
    internal long DroppedForDriftFrames;

    // written by the engine thread
    internal long OutputRingOverflows;

    public long InputRingOverflowCount => Volatile.Read(ref InputRingOverflows);

    public long OutputRingUnderrunCount => Volatile.Read(ref OutputRingUnderruns);

    public long OutputRingOverflowCount => Volatile.Read(ref OutputRingOverflows);

    /// <summary>PortAudio callback status flags: input overflow/underflow, output underflow/overflow.</summary>
    public long DeviceFlagCount => Volatile.Read(ref InputOverflowFlags) + Volatile.Read(ref InputUnderflowFlags)
        + Volatile.Read(ref OutputUnderflowFlags) + Volatile.Read(ref OutputOverflowFlags);

    /// <summary>The device flags one by one, for the run summary (which flag tells where the fault was).</summary>
    public string DeviceFlagDetail =>
        $"input overflow {Volatile.Read(ref InputOverflowFlags)}, input underflow {Volatile.Read(ref InputUnderflowFlags)}, output underflow {Volatile.Read(ref OutputUnderflowFlags)}, output overflow {Volatile.Read(ref OutputOverflowFlags)}";

    public long DriftResyncCount => Volatile.Read(ref DriftResyncs);

    public long DroppedForDriftFrameCount => Volatile.Read(ref DroppedForDriftFrames);

    /// <summary>All overruns and underruns: ring overflows/underruns and the device's own flags (drift resyncs are not xruns).</summary>
    public long Total => InputRingOverflowCount + OutputRingUnderrunCount + OutputRingOverflowCount + DeviceFlagCount;

    internal static void Increment(ref long counter) => Volatile.Write(ref counter, counter + 1);

    internal static void Add(ref long counter, long value) => Volatile.Write(ref counter, counter + value);
}
