namespace RtDenoise.HostApp.Live;

/// <summary>
/// --remove of an in-server device: unloads exactly the modules marked as that device (its kind and name: a
/// microphone and a speaker of the same name never touch each other), says what went, and warns about a module that
/// used the device and has lost it (the user asked for the removal, so it goes ahead).
/// </summary>
public static class InServerRemoval
{
    /// <summary>
    /// Removes the in-server <paramref name="kind"/> named <paramref name="name"/>, whose sources and sinks are
    /// <paramref name="sourceNames"/> and <paramref name="sinkNames"/>, from the server's <paramref name="modules"/>
    /// (listed just before); reports on <paramref name="log"/>.
    /// </summary>
    /// <returns>null when no such device is loaded (the caller says what else the name might be), else the exit code.</returns>
    public static int? Run(Pactl pactl, IReadOnlyList<ServerModule> modules, DeviceKind kind, string name, IReadOnlyList<string> sourceNames, IReadOnlyList<string> sinkNames, TextWriter log)
    {
        IReadOnlyList<ServerModule> ours = InServerChain.Find(modules, kind, name);
        if (ours.Count == 0)
        {
            return null;
        }

        var device = new OwnerMark(null, name, kind);
        ModuleCleanup.Report report = InServerChain.Remove(pactl, ours);
        if (!report.Complete)
        {
            log.WriteLine($"error: the in-server {device.Noun} '{name}' was not fully removed: {report.Describe()}");
            return Cli.ExitCodes.Failure;
        }

        log.WriteLine($"removed the in-server {device.Noun} '{name}' (modules {string.Join(", ", ours.Select(m => $"{m.Id} {m.Name}"))})");
        if (InServerChain.FindDependent(sourceNames, sinkNames, modules, ours) is { } user)
        {
            // A loopback made with source_dont_move, or a LADSPA sink whose master this was, went with it: say so
            // rather than leave it broken unseen.
            string status = user.Mark is { } mark ? $"rtdenoise {mark.Command} --status" : "pactl list short modules";
            log.WriteLine($"warning: {InServerChain.DescribeUser(user)} used '{name}' and has lost it; remove it or create it again ({status})");
        }

        return Cli.ExitCodes.Ok;
    }

    /// <summary>
    /// What to say when <see cref="Run"/> found nothing: the name may be a device of the other kind, which this
    /// command leaves alone.
    /// </summary>
    public static string NothingToRemove(IReadOnlyList<ServerModule> modules, DeviceKind kind, string name)
    {
        var device = new OwnerMark(null, name, kind);
        var other = new OwnerMark(null, name, kind == DeviceKind.Speaker ? DeviceKind.Microphone : DeviceKind.Speaker);
        string otherHint = InServerChain.Find(modules, other.Kind, name).Count > 0
            ? $"; '{name}' is an in-server {other.Noun}, left alone (rtdenoise {other.Command} --remove --name {name} removes it)"
            : string.Empty;
        return $"no in-server {device.Noun} '{name}' is loaded (rtdenoise {device.Command} --status lists them){otherHint}; nothing removed";
    }
}
