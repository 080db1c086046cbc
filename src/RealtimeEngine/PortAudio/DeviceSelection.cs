namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// A resolved device: either a PortAudio device index or an ALSA device string passed through PortAudio's ALSA
/// host-specific stream info (index = paUseHostApiSpecificDeviceSpecification).
/// </summary>
public sealed record DeviceSelection(int Index, string? AlsaDeviceString, string DisplayName)
{
    public static DeviceSelection ForIndex(int index, string name) => new(index, null, name);

    public static DeviceSelection ForAlsaString(string device) => new(PortAudioNative.PaUseHostApiSpecificDeviceSpecification, device, device);

    public override string ToString() => AlsaDeviceString is null ? $"#{Index} {DisplayName}" : DisplayName;
}
