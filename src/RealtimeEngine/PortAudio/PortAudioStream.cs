namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// A one-way (input or output) mono float32 callback stream. The callback is an
/// <c>[UnmanagedCallersOnly]</c> function with PortAudio's PaStreamCallback signature; <paramref name="userData"/>
/// is passed to it unchanged (the live engine passes a GCHandle to its state).
/// </summary>
public sealed unsafe class PortAudioStream : IDisposable
{
    private readonly PortAudioStreamHandle _handle;

    private PortAudioStream(PortAudioStreamHandle handle, StreamDirection direction, DeviceSelection device)
    {
        _handle = handle;
        Direction = direction;
        Device = device;
    }

    public StreamDirection Direction { get; }

    public DeviceSelection Device { get; }

    public PortAudioStreamHandle Handle => _handle;

    /// <summary>Opens (does not start) a stream. <paramref name="framesPerBuffer"/> is the callback block size.</summary>
    internal static PortAudioStream Open(
        DeviceSelection device,
        StreamDirection direction,
        double sampleRate,
        int framesPerBuffer,
        double suggestedLatency,
        delegate* unmanaged<void*, void*, nuint, PaStreamCallbackTimeInfo*, nuint, void*, int> callback,
        void* userData)
    {
        using var builder = new StreamParametersBuilder(device, channels: 1, suggestedLatency);
        PaStreamParameters p = builder.Parameters;
        IntPtr stream;
        int error = direction == StreamDirection.Input
            ? PortAudioNative.Pa_OpenStream(&stream, &p, null, sampleRate, (nuint)framesPerBuffer, (nuint)(PortAudioNative.PaClipOff | PortAudioNative.PaDitherOff), callback, userData)
            : PortAudioNative.Pa_OpenStream(&stream, null, &p, sampleRate, (nuint)framesPerBuffer, (nuint)(PortAudioNative.PaClipOff | PortAudioNative.PaDitherOff), callback, userData);
        if (error < 0)
        {
            throw new PortAudioException($"Pa_OpenStream({direction.ToString().ToLowerInvariant()} {device}, {sampleRate} Hz, {framesPerBuffer} frames)", error);
        }

        return new PortAudioStream(new PortAudioStreamHandle(stream), direction, device);
    }

    /// <summary>
    /// Asks for a real-time (SCHED_FIFO) callback thread where the host API offers it (ALSA, incl. the pulse plugin);
    /// returns false for other host APIs. Call before <see cref="Start"/>.
    /// </summary>
    public bool RequestRealtimeCallbackThread()
    {
        if (!IsAlsa(Device))
        {
            return false;
        }

        PortAudioNative.PaAlsa_EnableRealtimeScheduling(Raw(), 1);
        return true;
    }

    public void Start() => PortAudioException.Check(PortAudioNative.Pa_StartStream(Raw()), $"Pa_StartStream({Device})");

    /// <summary>Waits for pending buffers to play, then stops. Can block inside the host API: call it under a timeout.</summary>
    public int Stop() => PortAudioNative.Pa_StopStream(Raw());

    /// <summary>Stops without draining.</summary>
    public int Abort() => PortAudioNative.Pa_AbortStream(Raw());

    /// <summary>
    /// 1 while running, 0 when stopped or finished, negative PaError on failure. In the ALSA host API this takes the
    /// stream's state mutex and can block for seconds while the ALSA thread recovers a vanished device; the live
    /// watchdog therefore never polls it.
    /// </summary>
    public int IsActive() => PortAudioNative.Pa_IsStreamActive(Raw());

    /// <summary>Latencies in seconds and the actual sample rate, as reported by Pa_GetStreamInfo.</summary>
    public StreamLatency Latency()
    {
        PaStreamInfo* info = PortAudioNative.Pa_GetStreamInfo(Raw());
        return info is null ? new StreamLatency(0, 0, 0) : new StreamLatency(info->InputLatency, info->OutputLatency, info->SampleRate);
    }

    public double CpuLoad() => PortAudioNative.Pa_GetStreamCpuLoad(Raw());

    /// <summary>Closes the stream (Pa_CloseStream). Can block inside the host API: call it under a timeout.</summary>
    public void Close() => _handle.Dispose();

    /// <summary>Forgets the stream without closing it: used when Pa_CloseStream did not return in time.</summary>
    public void Abandon() => _handle.SetHandleAsInvalid();

    public void Dispose() => _handle.Dispose();

    private static bool IsAlsa(DeviceSelection device)
    {
        if (device.AlsaDeviceString is not null)
        {
            return true; // opened through PaAlsaStreamInfo: ALSA by construction
        }

        PaDeviceInfo* info = PortAudioNative.Pa_GetDeviceInfo(device.Index);
        if (info is null)
        {
            return false;
        }

        PaHostApiInfo* api = PortAudioNative.Pa_GetHostApiInfo(info->HostApi);
        return api is not null && api->Type == PortAudioNative.PaAlsa;
    }

    private IntPtr Raw()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed || _handle.IsInvalid, this);
        return _handle.DangerousGetHandle();
    }
}
