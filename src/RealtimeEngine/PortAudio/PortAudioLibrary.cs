namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// One Pa_Initialize … Pa_Terminate bracket (PortAudio counts them, so nested sessions are allowed). Every other
/// PortAudio call in this namespace requires a live session.
/// </summary>
public sealed class PortAudioLibrary : IDisposable
{
    private int _disposed;

    private PortAudioLibrary()
    {
    }

    /// <summary>
    /// Initialises PortAudio. Throws <see cref="PortAudioException"/> naming the missing library or the error.
    /// <paramref name="quiet"/> hides the host APIs' probing chatter on stderr.
    /// </summary>
    public static PortAudioLibrary Initialize(bool quiet = true)
    {
        int error;
        try
        {
            using var silence = quiet ? new StderrSilencer() : null;
            error = PortAudioNative.Pa_Initialize();
        }
        catch (DllNotFoundException ex)
        {
            throw new PortAudioException("PortAudio is not installed: libportaudio.so.2 was not found (Debian/Ubuntu: apt-get install libportaudio2).", ex);
        }

        PortAudioException.Check(error, "Pa_Initialize");
        return new PortAudioLibrary();
    }

    public static unsafe string VersionText => PortAudioNative.Text(PortAudioNative.Pa_GetVersionText());

    public static int Version => PortAudioNative.Pa_GetVersion();

    public unsafe IReadOnlyList<HostApiDescription> HostApis()
    {
        int count = PortAudioException.Check(PortAudioNative.Pa_GetHostApiCount(), "Pa_GetHostApiCount");
        int defaultApi = PortAudioNative.Pa_GetDefaultHostApi();
        var list = new List<HostApiDescription>(count);
        for (int i = 0; i < count; i++)
        {
            PaHostApiInfo* info = PortAudioNative.Pa_GetHostApiInfo(i);
            if (info is null)
            {
                continue;
            }

            list.Add(new HostApiDescription(i, PortAudioNative.Text(info->Name), info->Type, info->DeviceCount, info->DefaultInputDevice, info->DefaultOutputDevice, i == defaultApi));
        }

        return list;
    }

    public unsafe IReadOnlyList<AudioDeviceDescription> Devices()
    {
        int count = PortAudioException.Check(PortAudioNative.Pa_GetDeviceCount(), "Pa_GetDeviceCount");
        int defaultIn = PortAudioNative.Pa_GetDefaultInputDevice();
        int defaultOut = PortAudioNative.Pa_GetDefaultOutputDevice();
        var apis = HostApis();
        var list = new List<AudioDeviceDescription>(count);
        for (int i = 0; i < count; i++)
        {
            PaDeviceInfo* d = PortAudioNative.Pa_GetDeviceInfo(i);
            if (d is null)
            {
                continue;
            }

            string apiName = apis.FirstOrDefault(a => a.Index == d->HostApi)?.Name ?? "?";
            list.Add(new AudioDeviceDescription(
                i,
                PortAudioNative.Text(d->Name),
                d->HostApi,
                apiName,
                d->MaxInputChannels,
                d->MaxOutputChannels,
                d->DefaultSampleRate,
                d->DefaultLowInputLatency,
                d->DefaultLowOutputLatency,
                d->DefaultHighInputLatency,
                d->DefaultHighOutputLatency,
                i == defaultIn,
                i == defaultOut));
        }

        return list;
    }

    /// <summary>True when ALSA is one of the host APIs (needed for ALSA device strings such as <c>pulse:DEVICE=x</c>).</summary>
    public bool HasAlsa => HostApis().Any(a => a.TypeId == PortAudioNative.PaAlsa);

    /// <summary>Pa_IsFormatSupported for a mono float32 stream in one direction; null when supported, else PortAudio's reason.</summary>
    public unsafe string? CheckFormat(DeviceSelection device, StreamDirection direction, double sampleRate, double suggestedLatency)
    {
        using var pinned = new StreamParametersBuilder(device, channels: 1, suggestedLatency);
        PaStreamParameters p = pinned.Parameters;
        int error = direction == StreamDirection.Input
            ? PortAudioNative.Pa_IsFormatSupported(&p, null, sampleRate)
            : PortAudioNative.Pa_IsFormatSupported(null, &p, sampleRate);
        return error == PortAudioNative.PaFormatIsSupported ? null : PortAudioNative.ErrorText(error);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = PortAudioNative.Pa_Terminate();
        }
    }
}
