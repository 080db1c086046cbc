using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Live;

/// <summary>What an rtdenoise device in the sound server is: a microphone apps record from, or a speaker apps play into.</summary>
public enum DeviceKind
{
    Microphone,
    Speaker,
}

/// <summary>
/// The mark every module we load carries in its sink/source/stream properties, and therefore in its argument string
/// (which `pactl list short modules` prints verbatim on PulseAudio and on pipewire-pulse):
/// <c>rtdenoise.owner=PID rtdenoise.mic=NAME</c> for the external-process route (the mic lives while process PID
/// does), <c>rtdenoise.owner=in-server rtdenoise.mic=NAME</c> for the in-server route (no owner process: the mic
/// lives as long as the server), <c>rtdenoise.owner=in-server rtdenoise.speaker=NAME</c> for the in-server virtual
/// speaker. The speaker has its own name key rather than an extra kind property beside rtdenoise.mic, so an older
/// rtdenoise, which knows only rtdenoise.mic, sees no mark on it at all and never unloads it as a microphone. Only
/// marked modules are ever unloaded (matching by name alone would remove the server's own source and another
/// instance's live modules), and only by the command of their kind.
/// </summary>
public sealed partial record OwnerMark(int? OwnerPid, string Name, DeviceKind Kind = DeviceKind.Microphone)
{
    public const string InServerOwner = "in-server";

    public bool IsInServer => OwnerPid is null;

    /// <summary>"microphone" or "speaker", for messages.</summary>
    public string Noun => Kind == DeviceKind.Speaker ? "speaker" : "microphone";

    /// <summary>The rtdenoise command that manages devices of this kind.</summary>
    public string Command => Kind == DeviceKind.Speaker ? "virtual-speaker" : "virtual-mic";

    /// <summary>"the microphone 'NAME'", for messages.</summary>
    public string Describe() => $"the {Noun} '{Name}'";

    /// <summary>The property list (space-separated KEY=VALUE) to put in a module's *_properties argument.</summary>
    public static string Properties(int? ownerPid, string name, string description, DeviceKind kind = DeviceKind.Microphone) =>
        $"device.description=\"{description}\" rtdenoise.owner={(ownerPid is int pid ? pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : InServerOwner)} rtdenoise.{(kind == DeviceKind.Speaker ? "speaker" : "mic")}={name}";

    /// <summary>The mark in a module's argument string, or null when it carries none (or a malformed one).</summary>
    public static OwnerMark? Find(string arguments)
    {
        Match owner = OwnerPattern().Match(arguments);
        Match mic = MicPattern().Match(arguments);
        Match speaker = SpeakerPattern().Match(arguments);
        if (!owner.Success || mic.Success == speaker.Success)
        {
            return null; // no name, or both: not a mark we made
        }

        string o = owner.Groups[1].Value;
        if (speaker.Success)
        {
            // The speaker exists only in the server: a process-owned one is nothing we make.
            return o == InServerOwner ? new OwnerMark(null, speaker.Groups[1].Value, DeviceKind.Speaker) : null;
        }

        if (o == InServerOwner)
        {
            return new OwnerMark(null, mic.Groups[1].Value);
        }

        return int.TryParse(o, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? new OwnerMark(pid, mic.Groups[1].Value)
            : null;
    }

    // A property starts after whitespace or the quote that opens a property list, and ends at whitespace or a quote.
    [GeneratedRegex(@"(?:^|[\s'""])rtdenoise\.owner=([0-9]+|in-server)(?=$|[\s'""])")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex(@"(?:^|[\s'""])rtdenoise\.mic=([A-Za-z0-9_.-]{1,64})(?=$|[\s'""])")]
    private static partial Regex MicPattern();

    [GeneratedRegex(@"(?:^|[\s'""])rtdenoise\.speaker=([A-Za-z0-9_.-]{1,64})(?=$|[\s'""])")]
    private static partial Regex SpeakerPattern();
}
