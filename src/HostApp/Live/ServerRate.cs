using System.Globalization;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The --rate the plugin routes (--in-server, --pipewire-conf) accept: the denoiser's stream-rate range
/// (RtDenoise.Engine.UnsupportedSampleRateException checks the same bounds), which also lies within what
/// PulseAudio and PipeWire accept as a sample rate. Checked before anything is loaded or printed.
/// </summary>
public static class ServerRate
{
    public const int MinHz = 4000;

    public const int MaxHz = 384000;

    public static int Check(int rate) => rate is >= MinHz and <= MaxHz
        ? rate
        : throw new Cli.UserInputException(string.Create(CultureInfo.InvariantCulture, $"--rate {rate}: expected {MinHz}..{MaxHz} Hz (the denoiser's sample-rate range)."));
}
