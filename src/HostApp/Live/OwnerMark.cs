using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// The mark every module we load carries in its sink/source/stream properties, and therefore in its argument string
/// (which `pactl list short modules` prints verbatim on PulseAudio and on pipewire-pulse):
/// <c>rtdenoise.owner=PID rtdenoise.mic=NAME</c> for the external-process route (the mic lives while process PID
/// does), <c>rtdenoise.owner=in-server rtdenoise.mic=NAME</c> for the in-server route (no owner process: the mic
/// lives as long as the server). Only marked modules are ever unloaded (matching by name alone would
/// remove the server's own source and another instance's live modules).
/// </summary>
public sealed partial record OwnerMark(int? OwnerPid, string MicName)
{
    public const string InServerOwner = "in-server";

    public bool IsInServer => OwnerPid is null;

    /// <summary>The property list (space-separated KEY=VALUE) to put in a module's *_properties argument.</summary>
    public static string Properties(int? ownerPid, string micName, string description) =>
        $"device.description=\"{description}\" rtdenoise.owner={(ownerPid is int pid ? pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : InServerOwner)} rtdenoise.mic={micName}";

    /// <summary>The mark in a module's argument string, or null when it carries none (or a malformed one).</summary>
    public static OwnerMark? Find(string arguments)
    {
        Match owner = OwnerPattern().Match(arguments);
        Match mic = MicPattern().Match(arguments);
        if (!owner.Success || !mic.Success)
        {
            return null;
        }

        string o = owner.Groups[1].Value;
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
}
