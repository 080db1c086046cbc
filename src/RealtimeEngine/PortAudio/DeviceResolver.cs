using System.Globalization;

namespace RtDenoise.Engine.PortAudio;

/// <summary>
/// Turns a user's device argument into a <see cref="DeviceSelection"/>: a PortAudio index ("3"), an ALSA device
/// string ("pulse:DEVICE=noisy_in.monitor", "hw:1,0", "plughw:..."), or a case-insensitive name substring
/// ("pulse"). An exact name wins over substring matches; several substring matches are an error listing them.
/// </summary>
public static class DeviceResolver
{
    public static DeviceSelection Resolve(PortAudioLibrary pa, string? argument, StreamDirection direction)
    {
        var devices = pa.Devices();
        bool usable(AudioDeviceDescription d) => direction == StreamDirection.Input ? d.MaxInputChannels > 0 : d.MaxOutputChannels > 0;
        string what = direction == StreamDirection.Input ? "input" : "output";

        if (string.IsNullOrEmpty(argument))
        {
            var def = devices.FirstOrDefault(d => direction == StreamDirection.Input ? d.IsDefaultInput : d.IsDefaultOutput)
                ?? throw new ArgumentException($"there is no default {what} device; list them with `rtdenoise devices` and pass --{what} DEV.");
            return DeviceSelection.ForIndex(def.Index, def.Name);
        }

        if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            var d = devices.FirstOrDefault(x => x.Index == index)
                ?? throw new ArgumentException($"--{what} {index}: no such device (there are {devices.Count}; see `rtdenoise devices`).");
            return usable(d) ? DeviceSelection.ForIndex(d.Index, d.Name)
                : throw new ArgumentException($"--{what} {index} ('{d.Name}') has no {what} channels.");
        }

        var exact = devices.Where(d => usable(d) && string.Equals(d.Name, argument, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            return DeviceSelection.ForIndex(exact[0].Index, exact[0].Name);
        }

        if (argument.Contains(':', StringComparison.Ordinal))
        {
            return pa.HasAlsa ? DeviceSelection.ForAlsaString(argument)
                : throw new ArgumentException($"--{what} '{argument}' looks like an ALSA device string, but this PortAudio has no ALSA host API.");
        }

        var matches = devices.Where(d => usable(d) && d.Name.Contains(argument, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => DeviceSelection.ForIndex(matches[0].Index, matches[0].Name),
            0 => throw new ArgumentException($"--{what} '{argument}': no {what} device name contains it; see `rtdenoise devices`, or pass an ALSA string such as pulse:DEVICE=name."),
            _ => throw new ArgumentException($"--{what} '{argument}' matches {matches.Count} devices: {string.Join(", ", matches.Select(m => $"#{m.Index} '{m.Name}'"))}; pass an index."),
        };
    }
}
