using System.Runtime.InteropServices;
using System.Text;

namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// Builds a mono/float32 <see cref="PaStreamParameters"/> for a <see cref="DeviceSelection"/> and keeps the native
/// memory it points to (the ALSA stream info and its device string) alive until disposed. PortAudio copies what it
/// needs during Pa_OpenStream / Pa_IsFormatSupported, so the builder only has to outlive that call.
/// </summary>
internal sealed unsafe class StreamParametersBuilder : IDisposable
{
    private readonly IntPtr _alsaInfo;
    private readonly IntPtr _deviceString;

    public StreamParametersBuilder(DeviceSelection device, int channels, double suggestedLatency)
    {
        var p = new PaStreamParameters
        {
            Device = device.Index,
            ChannelCount = channels,
            SampleFormat = (nuint)PortAudioNative.PaFloat32,
            SuggestedLatency = suggestedLatency,
            HostApiSpecificStreamInfo = null,
        };
        if (device.AlsaDeviceString is not null)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(device.AlsaDeviceString + "\0");
            _deviceString = Marshal.AllocHGlobal(utf8.Length);
            Marshal.Copy(utf8, 0, _deviceString, utf8.Length);
            _alsaInfo = Marshal.AllocHGlobal(sizeof(PaAlsaStreamInfo));
            *(PaAlsaStreamInfo*)_alsaInfo = new PaAlsaStreamInfo
            {
                Size = (nuint)sizeof(PaAlsaStreamInfo),
                HostApiType = PortAudioNative.PaAlsa,
                Version = 1,
                DeviceString = (byte*)_deviceString,
            };
            p.HostApiSpecificStreamInfo = (void*)_alsaInfo;
        }

        Parameters = p;
    }

    public PaStreamParameters Parameters { get; }

    public void Dispose()
    {
        if (_alsaInfo != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_alsaInfo);
        }

        if (_deviceString != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_deviceString);
        }
    }
}
