namespace RtDenoise.HostApp.Live;

/// <summary>
/// A device made of modules loaded into the sound server around our LADSPA plugin, with no process of ours left
/// running (<see cref="InServerMic"/>, <see cref="InServerSpeaker"/>). <see cref="InServerInstall"/> creates or
/// replaces one and <see cref="InServerChain"/> loads, finds and removes its modules, whatever its kind.
/// </summary>
public interface IInServerDevice
{
    /// <summary>--name: what other programs see and what every module's <see cref="OwnerMark"/> carries.</summary>
    string Name { get; }

    DeviceKind Kind { get; }

    /// <summary>The sources this device creates (sinks' monitors aside).</summary>
    IReadOnlyList<string> SourceNames { get; }

    /// <summary>The sinks this device creates.</summary>
    IReadOnlyList<string> SinkNames { get; }

    /// <summary>The `pactl load-module` arguments of its modules, in load order; refuses values no argument can carry.</summary>
    IReadOnlyList<string[]> ModuleArguments();

    /// <summary>The same device under another name (the trial load of a replacement).</summary>
    IInServerDevice WithName(string name);

    /// <summary>
    /// Refuses (<see cref="Cli.UserInputException"/>) the device it connects to (the mic's input, the speaker's
    /// output) when the server does not have it or it is one of this device's own: checked before anything is loaded.
    /// </summary>
    void CheckEndpoint(Pactl pactl);
}
