namespace RtDenoise.HostApp.Live;

/// <summary>Which server answers pactl: they keep their start-up configuration in different files.</summary>
public enum SoundServerKind
{
    PulseAudio,
    PipeWire,
}

public static class SoundServer
{
    /// <summary>pipewire-pulse reports "Server Name: PulseAudio (on PipeWire 0.3.65)"; PulseAudio reports "pulseaudio".</summary>
    public static SoundServerKind KindOf(string pactlInfo) =>
        pactlInfo.Split('\n').Any(l => l.StartsWith("Server Name:", StringComparison.Ordinal) && l.Contains("PipeWire", StringComparison.Ordinal))
            ? SoundServerKind.PipeWire
            : SoundServerKind.PulseAudio;
}
